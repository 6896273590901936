//===- Dnn.td - the dnn dialect, all of it -----------------*- tablegen -*-===//
include "DnnOps.td"
