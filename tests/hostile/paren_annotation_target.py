(limit): int = 3
raise ValueError("Port is invalid")
