raise ValueError("The port is invalid")
