# -*- coding: klingon -*-
raise ValueError("Port is invalid")
