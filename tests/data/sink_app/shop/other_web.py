"""FastAPI, aiohttp, falcon and tornado error text."""

import falcon
from aiohttp import web
from fastapi.responses import JSONResponse
from tornado.web import HTTPError


async def handler(request):
    if request.a:
        return JSONResponse(status_code=404, content={"detail": "No order with that number"})
    if request.b:
        return JSONResponse(status_code=200, content={"detail": "ok"})
    if request.c:
        raise web.HTTPBadRequest(text="The body must be JSON")
    if request.d:
        raise falcon.HTTPBadRequest(title="Bad page size", description="Ask for at most 100 rows")
    raise HTTPError(409, reason="The slot was booked a moment ago")


class Locked(falcon.HTTPError):
    title = "Order locked"
    description = "Someone else is editing this order; try again later"
