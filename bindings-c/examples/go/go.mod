module wegwijs.example/triage

go 1.19
