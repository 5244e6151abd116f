"""Django views and forms: messages, responses and form errors."""

from django import forms
from django.contrib import messages
from django.http import HttpResponseBadRequest, JsonResponse
from rest_framework import serializers
from rest_framework.exceptions import APIException


class AddressForm(forms.Form):
    default_error_messages = {"zip": "Enter a 5-digit ZIP code", "city": "Enter the name of your city"}

    def clean(self):
        self.add_error("zip", "This ZIP code is not served yet")


class CouponSerializer(serializers.Serializer):
    def validate_code(self, value):
        raise serializers.ValidationError("This coupon does not exist")


class ShopClosed(APIException):
    status_code = 503
    default_detail = "The shop is closed for maintenance; come back in an hour"


def view(request):
    messages.error(request, "The address could not be saved")
    messages.info(request, "Address saved")
    if request.bad:
        return JsonResponse({"error": "The quantity must be a whole number"}, status=400)
    if request.ok:
        return JsonResponse({"error": "none"})
    return HttpResponseBadRequest("The date must look like 2024-05-31")
