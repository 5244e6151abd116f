"""Flask views: flashed messages and JSON error bodies."""

from flask import flash, jsonify

from .errors import PaymentError
from .messages import OUT_OF_STOCK


def checkout(form, notify):
    flash("The coupon has expired; remove it to continue", "error")
    flash("A NullPointerException occurred", "danger")
    flash("Your order is on its way", "success")
    notify(text="The delivery slot is gone; pick another")
    if form.empty:
        return jsonify(error="The basket is empty; add an item first"), 400
    if form.done:
        return jsonify(message="Order placed"), 201
    if form.gone:
        raise LookupError(OUT_OF_STOCK)
    raise PaymentError(402, "The payment was refused")
