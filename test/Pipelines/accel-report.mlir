// The reports written from the pipeline are the documents dnn-translate
// writes from its output.
// RUN: dnn-opt %s --dnn-evaluate="arch=simple-ws budget=200 json=%t.json csv=%t.csv html=%t.html table=%t.txt" --mlir-print-debuginfo -o %t.mlir
// RUN: dnn-translate --export-json %t.mlir -o %t.expected.json
// RUN: diff %t.json %t.expected.json
// RUN: dnn-translate --export-csv %t.mlir -o %t.expected.csv
// RUN: diff %t.csv %t.expected.csv
// RUN: dnn-translate --export-table %t.mlir -o %t.expected.txt
// RUN: diff %t.txt %t.expected.txt
// RUN: FileCheck %s --check-prefix=HTML < %t.html
// HTML: <!DOCTYPE html>
// HTML: id="plot-latency"
// Without a report to write, or with a path it cannot write: an error.
// RUN: not dnn-opt %s --accel-report 2>&1 | FileCheck %s --check-prefix=NONE
// NONE: error: accel-report: give at least one of json=, csv=, html=, table=
// RUN: not dnn-opt %s --accel-report="json=%t.missing/dir/r.json" 2>&1 | FileCheck %s --check-prefix=PATH
// PATH: error: accel-report: cannot write the JSON document to '{{.*}}r.json'

func.func @mm(%a: tensor<4x6xi8>) -> tensor<4x5xi8> {
  %b = dnn.weight "b" : tensor<6x5xi8>
  %y = dnn.matmul %a, %b : (tensor<4x6xi8>, tensor<6x5xi8>) -> tensor<4x5xi8>
  return %y : tensor<4x5xi8>
}
