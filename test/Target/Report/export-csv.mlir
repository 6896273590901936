// RUN: dnn-translate --export-csv %s | tr -d "\r" | FileCheck %s --strict-whitespace
// RUN: dnn-translate --export-csv %s | %python -c "import sys; d = sys.stdin.buffer.read(); print(d.count(b'\r\n'), d.count(b'\n'))" | FileCheck %s --check-prefix=CRLF
// RUN: dnn-translate --export-csv %s | %python -c "import csv, sys; rows = list(csv.reader(sys.stdin)); print(len(rows), sorted({len(r) for r in rows}))" | FileCheck %s --check-prefix=PARSE
//
// The CSV of the statistics rows: a header naming every key, one line per op
// and a totals line, in RFC 4180 (CRLF line ends; a field with a comma or a
// quote is quoted, inner quotes doubled). The numbers are hand-computed:
//   conv: MACs = N*M*C*P*Q*R*S = 1*4*3*8*8*3*3 = 6912; weights 4*3*3*3 + 4
//         (bias) = 112; input activations 1*3*8*8 = 192; outputs 4*8*8 = 256
//   relu: one operation per element, 256
//   totals: activations = model input 192 + outputs 256 + 256 = 704

module attributes {dnn.model = "tiny"} {
  func.func @main(%x: tensor<1x3x8x8xf32>) -> tensor<1x4x8x8xf32> {
    %w = dnn.weight "w" : tensor<4x3x3x3xf32>
    %b = dnn.weight "b" : tensor<4xf32>
    %y = dnn.conv %x, %w, %b {strides = array<i64: 1, 1>, dilations = array<i64: 1, 1>, pads = array<i64: 1, 1, 1, 1>, group = 1 : i64} : (tensor<1x3x8x8xf32>, tensor<4x3x3x3xf32>, tensor<4xf32>) -> tensor<1x4x8x8xf32> loc("conv, \"first\"")
    %r = dnn.unary relu %y : tensor<1x4x8x8xf32> -> tensor<1x4x8x8xf32> loc("relu")
    return %r : tensor<1x4x8x8xf32>
  }
}

// Row columns in the schema's order, then the totals keys no row has.
// CHECK:      {{^}}name,kind,input_shapes,output_shapes,macs,other_ops,weights,input_activations,output_activations,modeled,note,activations,ops,unmodeled_ops{{$}}
// CHECK-NEXT: {{^}}"conv, ""first""",conv,1x3x8x8;4x3x3x3;4,1x4x8x8,6912,0,112,192,256,true,input indices are those of the padded input; the bias add is not counted,,,{{$}}
// CHECK-NEXT: {{^}}relu,unary.relu,1x4x8x8,1x4x8x8,0,256,0,256,256,true,,,,{{$}}
// CHECK-NEXT: {{^}}(totals),,,,6912,,112,,,,,704,2,0{{$}}
// CHECK-NOT: {{.}}

// Python's csv module reads back 4 records of 14 fields each.
// PARSE: 4 [14]

// Every line ends in CRLF (4 records, no line break inside a field).
// CRLF: 4 4
