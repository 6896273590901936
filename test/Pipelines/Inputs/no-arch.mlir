// An accel.arch file that holds no accel.arch op (test/Pipelines/arch-errors.mlir).
module {}
