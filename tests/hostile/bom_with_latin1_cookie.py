# coding: latin-1
raise ValueError("Port is invalid")
