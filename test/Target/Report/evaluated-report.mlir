// RUN: dnn-opt %s --dnn-evaluate="arch=simple-ws objective=edp budget=2000" --mlir-print-debuginfo -o %t.mlir
// RUN: dnn-translate --export-html %t.mlir -o %t.html
// RUN: FileCheck %s --input-file=%t.html
// RUN: dnn-translate --export-json %t.mlir -o %t.json
// RUN: dnn-translate --export-csv %t.mlir -o %t.csv
// RUN: %python %S/Inputs/csv_matches_json.py %t.json %t.csv | FileCheck %s --check-prefix=CSV
//
// The reports of a model that went through dnn-evaluate: the analysis keys
// the pipeline writes reach the report card and draw their plots; what it
// does not compute yet (Eyexam steps) says so. Hand-computed: conv MACs
// 1*16*8*16*16*3*3 = 294912, FC 10*16 = 160, total 295072; simple-ws has
// 256 MAC units, so the roof's peak is 256 MACs/cycle.

func.func @layers(%x: tensor<1x8x16x16xi8>) -> tensor<1x10xi8> {
  %w = dnn.weight "w" : tensor<16x8x3x3xi8>
  %c = dnn.conv %x, %w {strides = array<i64: 1, 1>, dilations = array<i64: 1, 1>, pads = array<i64: 1, 1, 1, 1>, group = 1 : i64} : (tensor<1x8x16x16xi8>, tensor<16x8x3x3xi8>) -> tensor<1x16x16x16xi8> loc("conv")
  %r = dnn.unary relu %c : tensor<1x16x16x16xi8> -> tensor<1x16x16x16xi8> loc("relu")
  %p = dnn.pool average %r {kernel = array<i64: 16, 16>, strides = array<i64: 1, 1>, dilations = array<i64: 1, 1>, pads = array<i64: 0, 0, 0, 0>, global} : tensor<1x16x16x16xi8> -> tensor<1x16x1x1xi8> loc("pool")
  %f = dnn.reshape %p : tensor<1x16x1x1xi8> -> tensor<1x16xi8> loc("flatten")
  %fw = dnn.weight "fc" : tensor<10x16xi8>
  %y = dnn.matmul %f, %fw {trans_b = true} : (tensor<1x16xi8>, tensor<10x16xi8>) -> tensor<1x10xi8> loc("fc")
  return %y : tensor<1x10xi8>
}

// CHECK: <h3>MACs</h3><div class="value">295 K</div><div class="detail">295072 multiply-accumulates</div>
// CHECK: <h3>Throughput</h3><div class="value">{{.+}} inferences/s</div>{{.*}}<span class="src simulated">simulated</span>
// CHECK: <h3>Latency</h3><div class="value">{{.+}}s</div><div class="detail">{{.+}} cycles, batch 1</div>
// CHECK: <h3>Energy</h3><div class="value">{{.+}}J</div>
// CHECK: <h3>Power</h3><div class="value">{{.+}}W</div>
// CHECK: <h3>DRAM accesses</h3><div class="value">{{[0-9.]+( [KM])?}}</div>
// CHECK: <h3>Hardware cost</h3><div class="value">{{.+}} mm²</div><div class="detail">on simple_ws{{.*}}MAC units 256<br>on chip storage 81.9 K bytes
// CHECK: <h3>Energy by component</h3>{{.*}}DRAM
// CHECK: <h3>Architecture</h3>
// CHECK: <figure id="plot-energy-component">
// CHECK-NEXT: <div class="lin"><svg
// CHECK: <title>#1 conv (conv)
// CHECK-NEXT: DRAM: {{.*}}</title>
// CHECK: <figure id="plot-energy-dataspace">
// CHECK-NEXT: <div class="lin"><svg
// CHECK: <figure id="plot-latency">
// CHECK-NOT: class="missing"
// Rows carry latency_s now: the chart shows seconds, not cycles.
// CHECK-NOT: cycles shown
// CHECK: <figure id="plot-dram">
// CHECK-NOT: class="missing"
// CHECK: <figure id="plot-eyexam">
// CHECK-NOT: class="missing"
// CHECK: after 1 workload parallelism
// CHECK: <figure id="plot-roofline">
// CHECK-NOT: class="missing"
// CHECK: >peak 256 MACs/cycle</text>
// CHECK: <circle {{.*}}><title>#1 conv (conv)
// CHECK: <circle {{.*}}><title>#5 fc (matmul)
// CHECK: <table class="sortable" id="layer-table">
// CHECK-NEXT: title="energy_pJ">energy (pJ)</th>

// CSV: ok: 6 records, {{[0-9]+}} values
