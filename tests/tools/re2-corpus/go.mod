module re2corpus

go 1.19
