def connect(port):
    raise ValueError("Port is invalid")


def broken(:
    pass
