// The layer of the timeloop+accelergy tutorial (prob.yaml): a 3x3
// convolution, C = 128, M = 256, P = Q = 56, N = 1, stride 1, as the dnn
// dialect writes it (the input is the padded 58 x 58 window).
func.func @layer(%x: tensor<1x128x58x58xi16>) -> tensor<1x256x56x56xi16> {
  %w = dnn.weight "w" : tensor<256x128x3x3xi16>
  %y = dnn.conv %x, %w {strides = array<i64: 1, 1>, dilations = array<i64: 1, 1>, pads = array<i64: 0, 0, 0, 0>, group = 1 : i64} : (tensor<1x128x58x58xi16>, tensor<256x128x3x3xi16>) -> tensor<1x256x56x56xi16>
  return %y : tensor<1x256x56x56xi16>
}
