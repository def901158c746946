module wegwijs.example/cabi-test

go 1.19
