raise ValueError("Port is invalid")
return 1
