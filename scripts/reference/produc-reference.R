# Reference values on Produc + us48 that the tests read (ours; regenerates
# tests/fixtures/reference/produc_reference.json). Run from the repo root:
#   Rscript scripts/reference/produc-reference.R
# Needs R with sf, spdep, jsonlite (Debian: r-cran-sf r-cran-spdep r-cran-jsonlite).
# Inputs are the repository's own copies in assets/datasets/. Regenerate only on purpose.
#
# What it writes (every block names the R call that produced it):
#   order, neighbors          spdep::poly2nb(us48, queen = TRUE), us48 ordered by STATE_NAME
#   moran_log_gsp             spdep::moran.test(log(gsp) of each year, W row-standardised),
#                             randomisation = TRUE and FALSE
#   local_moran_log_gsp_1986  spdep::localmoran(log(gsp) 1986, W)
#   fe_twoways                Stata's xtreg log(gsp) x i.year, fe vce(cluster state):
#                             year dummies explicit, state demeaning, cluster-robust V with
#                             G/(G-1) (n-1)/(n-K), K = slopes + year dummies + constant
suppressMessages({ library(sf); library(spdep); library(jsonlite) })

data_dir <- Sys.getenv("RWB_DATA", "assets/datasets")
out_file <- "tests/fixtures/reference/produc_reference.json"

us <- st_read(file.path(data_dir, "us48/us48.shp"), quiet = TRUE)
us <- us[order(us$STATE_NAME), ]
ids <- as.character(us$STATE_NAME)
nb <- poly2nb(us, queen = TRUE)
lw <- nb2listw(nb, style = "W")

P <- read.csv(file.path(data_dir, "produc.csv"))
stopifnot(setequal(unique(P$state_name), ids))
P <- P[order(P$year, match(P$state_name, ids)), ]   # time-major, regions in W order
years <- sort(unique(P$year))

res <- list(
  dataset = "produc+us48",
  source = "scripts/reference/produc-reference.R",
  r_version = R.version.string,
  spdep_version = as.character(packageVersion("spdep")),
  order = ids,
  weights = "queen contiguity (spdep poly2nb queen=TRUE), row-standardized",
  neighbors = setNames(lapply(seq_along(nb), function(i) I(ids[nb[[i]]])), ids)
)

res$moran_log_gsp <- lapply(years, function(yr) {
  v <- log(P$gsp[P$year == yr])
  r <- moran.test(v, lw, randomisation = TRUE)
  n <- moran.test(v, lw, randomisation = FALSE)
  list(year = yr, I = unname(r$estimate[1]), EI = unname(r$estimate[2]),
       VI_rand = unname(r$estimate[3]), z_rand = unname(r$statistic),
       VI_norm = unname(n$estimate[3]), z_norm = unname(n$statistic))
})

v86 <- log(P$gsp[P$year == 1986])
lm86 <- localmoran(v86, lw)
res$local_moran_log_gsp_1986 <- data.frame(name = ids, Ii = lm86[, 1], EIi = lm86[, 2],
                                           VarIi = lm86[, 3], ZIi = lm86[, 4])

xtreg_fe_cluster <- function(y, X, id, year) {
  D <- model.matrix(~ factor(year))[, -1, drop = FALSE]
  Z <- cbind(X, D)
  Zw <- apply(Z, 2, function(z) z - ave(z, id))
  yw <- y - ave(y, id)
  b <- qr.solve(Zw, yw)
  e <- as.vector(yw - Zw %*% b)
  A <- solve(crossprod(Zw))
  meat <- Reduce(`+`, lapply(split(seq_along(e), id), function(rows) {
    s <- crossprod(Zw[rows, , drop = FALSE], e[rows]); s %*% t(s)
  }))
  G <- length(unique(id)); n <- length(y); K <- ncol(Z) + 1
  V <- A %*% meat %*% A * (G / (G - 1)) * ((n - 1) / (n - K))
  k <- ncol(X)
  list(beta = unname(b[1:k]), se = unname(sqrt(diag(V))[1:k]), within_r2 = 1 - sum(e^2) / sum(yw^2))
}
X <- cbind(log_pcap = log(P$pcap), log_pc = log(P$pc), log_emp = log(P$emp), unemp = P$unemp)
fe <- xtreg_fe_cluster(log(P$gsp), X, P$state_name, P$year)
res$fe_twoways <- list(formula = "log(gsp) ~ log(pcap)+log(pc)+log(emp)+unemp | state + year",
                       names = colnames(X), beta = fe$beta, se_cluster_stata = fe$se,
                       within_r2 = fe$within_r2)

write(toJSON(res, auto_unbox = TRUE, digits = NA, pretty = TRUE), out_file)
cat("wrote", out_file, "\n")
