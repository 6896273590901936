//===- Accel.td - the accel dialect, all of it -------------*- tablegen -*-===//
include "AccelOps.td"
