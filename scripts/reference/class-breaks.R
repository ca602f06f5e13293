# Reference class breaks for choropleth maps (ours; writes tests/fixtures/reference/class_breaks.json).
# Run from the repo root:  Rscript scripts/reference/class-breaks.R
# Needs R with classInt and jsonlite (Debian: r-cran-classint r-cran-jsonlite).
# Input: assets/datasets/produc.csv (Munnell's Produc panel). Regenerate only on purpose.
#
# Vectors:
#   log_gsp_1986   log(gsp), the 48 states in 1986
#   unemp_1986     unemp (unemployment rate, %), the 48 states in 1986 (has box-map outliers)
#   log_gsp_all    log(gsp), all 17 years x 48 states (816 values; a bigger natural-breaks case)
# For each vector and each n in 3..7: classInt::classIntervals(x, n, style = s)$brks for
# s = "fisher", "quantile", "equal", and for "sd" (pretty() steps of the sd) and "box"
# (iqr_mult 1.5, quantile type 7) once; plus mean(x) and sd(x) (n - 1 divisor).
suppressMessages({ library(classInt); library(jsonlite) })

data_dir <- Sys.getenv("RWB_DATA", "assets/datasets")
out_file <- "tests/fixtures/reference/class_breaks.json"

P <- read.csv(file.path(data_dir, "produc.csv"))
P <- P[order(P$year, P$state_name), ]
vectors <- list(
  log_gsp_1986 = log(P$gsp[P$year == 1986]),
  unemp_1986 = P$unemp[P$year == 1986],
  log_gsp_all = log(P$gsp)
)

out <- list(
  source = paste0("classInt ", packageVersion("classInt"), ", ", R.version.string),
  vectors = list()
)
for (name in names(vectors)) {
  x <- vectors[[name]]
  styles <- list()
  for (s in c("fisher", "quantile", "equal")) {
    per_n <- list()
    for (n in 3:7) per_n[[as.character(n)]] <- classIntervals(x, n, style = s)$brks
    styles[[s]] <- per_n
  }
  styles[["sd"]] <- classIntervals(x, 6, style = "sd")$brks
  styles[["box"]] <- classIntervals(x, style = "box")$brks
  out$vectors[[name]] <- list(x = x, mean = mean(x), sd = sd(x), brks = styles)
}
writeLines(toJSON(out, digits = NA, auto_unbox = TRUE, pretty = TRUE), out_file)
cat("wrote", out_file, "\n")
