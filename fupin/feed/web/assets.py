"""Static files of the explorer, all from installed packages: nothing is fetched from a CDN.

The explorer's own CSS and chart script live in ``static/``; plotly.js is the copy the
``plotly`` Python package ships (``plotly/package_data/plotly.min.js``), served as is, so
the charts draw on a server with no internet.
"""

from __future__ import annotations

from functools import cache
from importlib import resources
from pathlib import Path

from fastapi import APIRouter, FastAPI
from fastapi.responses import FileResponse
from fastapi.staticfiles import StaticFiles

STATIC = Path(__file__).parent / "static"
PLOTLY_URL = "/explore/assets/plotly.min.js"

router = APIRouter(include_in_schema=False)


@cache
def plotly_js() -> Path:
    """The plotly.min.js of the installed ``plotly`` package."""
    path = Path(str(resources.files("plotly").joinpath("package_data", "plotly.min.js")))
    if not path.is_file():
        raise FileNotFoundError(f"the plotly package has no {path}; reinstall plotly")
    return path


@router.get(PLOTLY_URL)
def plotly() -> FileResponse:
    """plotly.js, cached by browsers for a day (it changes only with the plotly package)."""
    return FileResponse(
        plotly_js(), media_type="text/javascript", headers={"Cache-Control": "public, max-age=86400"}
    )


def mount(app: FastAPI) -> None:
    """Serve ``static/`` at /explore/static and plotly.js at :data:`PLOTLY_URL`."""
    app.include_router(router)
    app.mount("/explore/static", StaticFiles(directory=str(STATIC)), name="explorer-static")
