"""A click on a place reaches the page at once, not a quarter of a second later.

streamlit-folium reports every map event through one debounced function that
waits 250 ms after the last event, so a click on a town waited that long
before the page even started to answer (issue 14: marker click → panel
0.9 s against a 0.5 s target). Each place feature gets a click handler that
runs right after streamlit-folium's own (which records the click in
``window.__GLOBAL_DATA__``), builds the very value the debounced call would
send, with the same keys in the same order, and sends it now. It then
records that value as the component's last one, so the debounced call finds
nothing new and sends nothing: one rerun per click, as before.

The handler reads streamlit-folium's page state, so it checks that state's
shape first and does nothing when it differs (another streamlit-folium
version): clicks then take the debounced path, only slower. A browser test
(tests/test_browser_corpora.py) clicks places through it.
"""

from __future__ import annotations

from folium.utilities import JsCode

# The keys streamlit-folium's updateComponentValue builds, in its order (0.27).
_VALUE_JS = """{
    last_clicked: D.lat_lng_clicked, last_object_clicked: D.last_object_clicked,
    last_object_clicked_count: D.last_object_clicked_count,
    last_object_clicked_tooltip: D.last_object_clicked_tooltip,
    last_object_clicked_popup: D.last_object_clicked_popup, all_drawings: D.all_drawings,
    last_active_drawing: D.last_active_drawing, last_geocoder_result: D.last_geocoder_result,
    bounds: m.getBounds(), zoom: m.getZoom(), last_circle_radius: D.last_circle_radius,
    last_circle_polygon: D.last_circle_polygon, center: m.getCenter(),
    selected_layers: Object.values(D.selected_layers || {}), selected_tags: D.selected_tags}"""

QUICK_CLICK_JS = """function (feature, layer) {
  layer.on('click', function () {
    setTimeout(function () {
      var D = window.__GLOBAL_DATA__, m = window.map;
      if (!D || !m || !Array.isArray(D.returned_objects) || !('previous_data' in D)
          || !('last_object_clicked_count' in D) || D.wrap_longitude) { return; }
      var all = VALUE, value = {};
      Object.keys(all).forEach(function (k) {
        if (D.returned_objects.includes(k)) { value[k] = all[k]; } });
      var text = JSON.stringify(value);
      if (text === JSON.stringify(D.previous_data)) { return; }
      D.previous_data = JSON.parse(text);
      window.parent.postMessage({isStreamlitMessage: true, type: 'streamlit:setComponentValue',
                                 value: JSON.parse(text), dataType: 'json'}, '*');
    }, 0);
  });
}""".replace("VALUE", _VALUE_JS)


def quick_click() -> JsCode:
    """The ``on_each_feature`` of a clickable layer: its clicks are reported without delay."""
    return JsCode(QUICK_CLICK_JS)
