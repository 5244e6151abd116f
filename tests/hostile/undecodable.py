import os

NAME = "café"
