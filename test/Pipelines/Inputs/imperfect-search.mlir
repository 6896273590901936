// A matmul with prime dims (61 x 53 x 97) for the imperfect-factor search
// test (imperfect.mlir).
func.func @primes(%a: tensor<61x53xi8>) -> tensor<61x97xi8> {
  %b = dnn.weight "b" : tensor<53x97xi8>
  %y = dnn.matmul %a, %b : (tensor<61x53xi8>, tensor<53x97xi8>) -> tensor<61x97xi8>
  return %y : tensor<61x97xi8>
}
