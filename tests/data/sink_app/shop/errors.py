"""Exception classes that carry their own words."""


class ShopError(Exception):
    fmt = "The order {order} could not be placed"


class StockError(ShopError):
    pass


class PaymentError(Exception):
    def __init__(self, code, message):
        super().__init__(message)
        self.code = code


class CardError(Exception):
    def __init__(self, last4):
        super().__init__(f"The card ending in {last4} was declined; try another card")


class Silent(Exception):
    pass
