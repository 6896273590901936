// RUN: dnn-translate --export-html %s -o %t.html
// RUN: FileCheck %s --input-file=%t.html
// RUN: FileCheck %s --input-file=%t.html --check-prefix=MISSING
// The page has exactly one script, its own: the node name below is text.
// RUN: grep -c "<script" %t.html | FileCheck %s --check-prefix=ONE-SCRIPT
// Self-contained: nothing is fetched (the only URL is the SVG namespace).
// RUN: not grep -E "(src|href)=\"(https?:)?//|<link|@import|url\(" %t.html
// RUN: grep -o "https\?://[^\"]*" %t.html | sort -u | FileCheck %s --check-prefix=URLS
//
// The HTML report of a module without analysis results: the report card
// and the table from the statistics, and a "not computed" note, never an
// empty plot, for every plot that needs analysis keys. The numbers are
// hand-computed:
//   conv: MACs = N*M*C*P*Q*R*S = 1*4*3*8*8*3*3 = 6912; weights 4*3*3*3 + 4
//         (bias) = 112; input activations 1*3*8*8 = 192; outputs 256
//   relu: 256 operations (one per element)
//   totals: activations = model input 192 + outputs 256 + 256 = 704

module attributes {dnn.model = "tiny"} {
  func.func @main(%x: tensor<1x3x8x8xf32>) -> tensor<1x4x8x8xf32> {
    %w = dnn.weight "w" : tensor<4x3x3x3xf32>
    %b = dnn.weight "b" : tensor<4xf32>
    %y = dnn.conv %x, %w, %b {strides = array<i64: 1, 1>, dilations = array<i64: 1, 1>, pads = array<i64: 1, 1, 1, 1>, group = 1 : i64} : (tensor<1x3x8x8xf32>, tensor<4x3x3x3xf32>, tensor<4xf32>) -> tensor<1x4x8x8xf32> loc("conv")
    %r = dnn.unary relu %y : tensor<1x4x8x8xf32> -> tensor<1x4x8x8xf32> loc("<script>alert(1)</script>")
    return %r : tensor<1x4x8x8xf32>
  }
}

// CHECK: <!DOCTYPE html>
// Only the page's own script may run (CSP by hash), and nothing is fetched.
// CHECK: <meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; script-src 'sha256-{{[A-Za-z0-9+/=]+}}'">
// CHECK: <title>dnn-opt report: tiny</title>
// CHECK: <style>
// CHECK: </head>

// The report card: counted figures, and the analysis figures not computed.
// CHECK: <h3>Operators</h3><div class="value">2</div><div class="detail">0 not modeled</div>
// CHECK: <h3>MACs</h3><div class="value">6912</div>
// CHECK: <h3>Weights</h3><div class="value">112</div>
// CHECK: <h3>Activations</h3><div class="value">704</div>
// CHECK: <h3>Accuracy</h3><div class="value">not given</div>
// CHECK: <h3>Throughput</h3><div class="value">not computed</div>{{.*}}run dnn-opt --dnn-evaluate
// CHECK: <h3>Latency</h3><div class="value">not computed</div><div class="detail">batch 1 (first dim of the first op's input)</div>
// CHECK: <h3>Energy</h3><div class="value">not computed</div>
// CHECK: <h3>Power</h3><div class="value">not computed</div>
// CHECK: <h3>DRAM accesses</h3><div class="value">not computed</div>
// CHECK: <h3>Hardware cost</h3><div class="value">not computed</div>

// Plots from the statistics, on a linear and a log scale, with tooltips.
// CHECK: <figure id="plot-macs">
// CHECK: <input type="checkbox" class="logbox" id="plot-macs-log">
// CHECK: <div class="lin"><svg class="chart" viewBox="0 0 1200.0 {{[0-9.]+}}"
// CHECK: <title>#1 conv (conv)
// CHECK-NEXT: MACs: 6912</title>
// Names are escaped in tooltips and axis labels.
// CHECK: <title>#2 &lt;script&gt;alert(1)&lt;/script&gt; (unary.relu)
// CHECK-NEXT: other ops: 256</title>
// CHECK: >&lt;script&gt;alert(1)&lt;/script&gt;</text>
// CHECK: <div class="logv"><svg
// CHECK: <figure id="plot-data">
// CHECK: input activations: 192</title>

// The sortable table: numbers carry their value for sorting in data-v.
// CHECK: <table class="sortable" id="layer-table">
// CHECK-NEXT: <th data-key="name" title="name">name</th>
// CHECK-SAME: <th data-key="macs" data-type="num" title="macs">MACs</th>
// CHECK: <tr><td class="num" data-v="1">1</td><td>conv</td><td>conv</td><td>1x3x8x8;4x3x3x3;4</td><td>1x4x8x8</td><td class="num" data-v="6912" title="6912">6912</td>
// CHECK: <tr><td class="num" data-v="2">2</td><td>&lt;script&gt;alert(1)&lt;/script&gt;</td><td>unary.relu</td>
// CHECK: <tfoot><tr><td></td><td>totals</td><td></td><td></td><td></td><td class="num" data-v="6912" title="6912">6912</td>
// CHECK: <details id="all-columns">
// CHECK: <script>
// CHECK: </html>

// CHECK-NOT: <script>alert

// MISSING: <figure id="plot-energy-component">{{.*}}
// MISSING-NEXT: <div class="missing">not computed: run dnn-opt --dnn-evaluate (this plot needs per-layer <code>energy_by_component_pJ</code>)</div>
// MISSING: <figure id="plot-energy-dataspace">{{.*}}
// MISSING-NEXT: <div class="missing">not computed: run dnn-opt --dnn-evaluate
// MISSING: <figure id="plot-latency">{{.*}}
// MISSING-NEXT: <div class="missing">not computed: run dnn-opt --dnn-evaluate
// MISSING: <figure id="plot-dram">{{.*}}
// MISSING-NEXT: <div class="missing">not computed: run dnn-opt --dnn-evaluate
// MISSING: <figure id="plot-eyexam">{{.*}}
// MISSING-NEXT: <div class="missing">not computed: run dnn-opt --dnn-evaluate
// MISSING: <figure id="plot-roofline">{{.*}}
// MISSING-NEXT: <div class="missing">not computed: run dnn-opt --dnn-evaluate

// ONE-SCRIPT: {{^1$}}
// URLS: {{^http://www.w3.org/2000/svg$}}
// URLS-NOT: http
