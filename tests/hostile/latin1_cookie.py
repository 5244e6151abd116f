# -*- coding: latin-1 -*-
raise ValueError("Café is closed")
