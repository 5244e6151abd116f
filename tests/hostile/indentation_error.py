def connect(port):
    if port:
        return port
      raise ValueError("Port is invalid")
