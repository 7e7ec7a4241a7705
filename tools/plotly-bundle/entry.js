'use strict';

// The traces the dashboard draws (dashboard/figures, dashboard/public_view.py); core brings
// the components (legend, hover, modebar, annotations...). build.mjs reads this list for the
// bundle's header, so a trace added here is named there too.
var Plotly = require('plotly.js/lib/core');

Plotly.register([
    require('plotly.js/lib/bar'),
    require('plotly.js/lib/choropleth'),
    require('plotly.js/lib/heatmap'),
    require('plotly.js/lib/sankey'),
    require('plotly.js/lib/scatter'),
    require('plotly.js/lib/scattergeo'),
]);

module.exports = Plotly;
