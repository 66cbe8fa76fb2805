// The ECharts build PerfLoop serves: only the chart types and components its pages draw, with the
// SVG renderer (scripts/echarts/build.sh writes perfloop/static/vendor/echarts/echarts.min.js).
import * as echarts from "echarts/core";
import { BarChart, HeatmapChart, LineChart, RadarChart, ScatterChart } from "echarts/charts";
import {
  GridComponent,
  LegendComponent,
  MarkLineComponent,
  RadarComponent,
  TitleComponent,
  TooltipComponent,
  VisualMapComponent,
} from "echarts/components";
import { SVGRenderer } from "echarts/renderers";

echarts.use([
  BarChart,
  HeatmapChart,
  LineChart,
  RadarChart,
  ScatterChart,
  GridComponent,
  LegendComponent,
  MarkLineComponent,
  RadarComponent,
  TitleComponent,
  TooltipComponent,
  VisualMapComponent,
  SVGRenderer,
]);
window.echarts = echarts;
