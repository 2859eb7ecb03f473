"""The words for territorial control: what a snapshot's areas are, and where a place stood.

A snapshot file holds areas of two statuses (:data:`AREA_STATUSES`); the
store keeps one GeoParquet file per status, named by the status, and the map
draws them with the front line between them. A place on a date is in one of
those areas, or held (near the front or not), or outside Ukraine; when the
front line is not known on the date, its status is ``UNKNOWN``. The statuses
are a ``StrEnum``: a member equals its string and is written as it, so file
names, GeoJSON properties and the app's tables read as before there was an enum.

>>> ControlStatus.NEAR_FRONT == "near_front", f"{ControlStatus.GREY}.parquet"
(True, 'grey.parquet')
"""

from __future__ import annotations

from enum import StrEnum


class ControlStatus(StrEnum):
    """Who held the ground at a point on a date, as the front-line data tells it."""

    OCCUPIED = "occupied"
    GREY = "grey"  # the grey zone: the data's "unknown status", contested ground
    NEAR_FRONT = "near_front"  # held, within the chosen distance of the front line
    HELD = "held"
    OUTSIDE = "outside"  # outside Ukraine's outline
    UNKNOWN = "unknown"  # no current snapshot for the date (place_status.Coverage)


class SkippedArea(StrEnum):
    """DeepStateMap polygons that are not control areas: counted in the report, not kept."""

    LIBERATED = "liberated"
    OTHER = "other"  # other countries' disputed areas, unit markers, jokes abroad


# The statuses a snapshot's areas have: what is imported, stored and drawn.
AREA_STATUSES = (ControlStatus.OCCUPIED, ControlStatus.GREY)
# The statuses a place can have on a snapshot's date (UNKNOWN: there is no such snapshot).
PLACE_STATUSES = (ControlStatus.OCCUPIED, ControlStatus.GREY, ControlStatus.NEAR_FRONT,
                  ControlStatus.HELD, ControlStatus.OUTSIDE)
# The line the map draws between the areas: a layer and a legend entry, not a status.
FRONT_LINE = "front_line"
