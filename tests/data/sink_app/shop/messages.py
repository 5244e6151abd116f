"""Message constants shared by the views."""

OUT_OF_STOCK = "This item is out of stock; we will email you when it is back"
