# GWR / GTWR reference values on Produc + us48 (ours; writes a JSON in the shape of
# tests/fixtures/reference/gwr_gtwr_produc.json so the two can be compared). Run from the repo root:
#   Rscript scripts/reference/gwr-reference.R [out.json]
# (default out: tests/output/gwr_gtwr_produc.regenerated.json; pass the fixture path to replace it,
# on purpose, after reviewing the diff). Needs R with sf and jsonlite; no GWmodel: the loop is
# written out here, following the conventions of the fixture's `meta`:
#   locations   sf::st_centroid of us48 (no .prj: planar GEOS centroid in lon/lat degrees)
#   distances   haversine km, R = 6371.0088; GTWR d = sqrt(dS^2 + tau (ti - tj)^2), symmetric
#   adaptive k  h_i = k-th smallest distance from i over all n, the focal point (d = 0) first
#   kernels     gaussian exp(-0.5 (d/h)^2); bisquare (1 - (d/h)^2)^2 for d < h, else 0
#   local fit   beta_i = (X'W_iX)^-1 X'W_i y; C_i = (X'W_iX)^-1 X'W_i; S_i. = x_i' C_i;
#               SE_i = sqrt(sigma2 diag(C_i C_i'))
#   diagnostics trS, trStS (row by row), edf = n - 2trS + trStS, enp = 2trS - trStS,
#               sigma2 = RSS/edf, AICc = n ln(RSS/n) + n ln(2 pi) + n (n + trS)/(n - 2 - trS),
#               AIC = n ln(RSS/n) + n ln(2 pi) + n + trS, adjR2 = 1 - (1 - R2)(n - 1)/(edf - 1),
#               CV = sum (e_i / (1 - S_ii))^2
suppressMessages({ library(sf); library(jsonlite) })
args <- commandArgs(trailingOnly = TRUE)
out_file <- if (length(args) >= 1) args[1] else "tests/output/gwr_gtwr_produc.regenerated.json"
data_dir <- Sys.getenv("RWB_DATA", "assets/datasets")

us <- st_read(file.path(data_dir, "us48/us48.shp"), quiet = TRUE)
us <- us[order(us$STATE_NAME), ]
states <- as.character(us$STATE_NAME)
cen <- suppressWarnings(st_coordinates(st_centroid(st_geometry(us))))
P <- read.csv(file.path(data_dir, "produc.csv"))
stopifnot(setequal(unique(P$state_name), states))
P <- P[order(P$year, match(P$state_name, states)), ]
X <- cbind(Intercept = 1, log_pcap = log(P$pcap), log_pc = log(P$pc), log_emp = log(P$emp), unemp = P$unemp)
y <- log(P$gsp)
loc <- match(P$state_name, states)

R <- 6371.0088; rad <- pi / 180
hav <- function(lon1, lat1, lon2, lat2) {
  a <- sin((lat2 - lat1) * rad / 2)^2 + cos(lat1 * rad) * cos(lat2 * rad) * sin((lon2 - lon1) * rad / 2)^2
  2 * R * asin(pmin(1, sqrt(a)))
}
D48 <- outer(seq_along(states), seq_along(states), function(i, j) hav(cen[i, 1], cen[i, 2], cen[j, 1], cen[j, 2]))

gtwr_fit <- function(rows, kernel, adaptive, bw, tau, lite = FALSE) {
  n <- length(rows); Xs <- X[rows, , drop = FALSE]; ys <- y[rows]; ls <- loc[rows]; ts <- P$year[rows]
  beta <- se2 <- matrix(NA, n, ncol(X)); Sii <- ss <- hl <- yhat <- numeric(n)
  for (i in 1:n) {
    d <- sqrt(D48[ls[i], ls]^2 + tau * (ts - ts[i])^2); d[i] <- 0
    h <- if (adaptive) sort(d)[bw] else bw
    w <- if (kernel == "gaussian") exp(-0.5 * (d / h)^2) else ifelse(d < h, (1 - (d / h)^2)^2, 0)
    XtW <- t(Xs * w); A <- XtW %*% Xs
    if (lite && rcond(A) < 1e-14) return(NULL)
    C <- solve(A, XtW)
    beta[i, ] <- C %*% ys; s <- as.vector(Xs[i, ] %*% C)
    Sii[i] <- s[i]; ss[i] <- sum(s^2); hl[i] <- h; yhat[i] <- sum(Xs[i, ] * beta[i, ])
    se2[i, ] <- rowSums(C^2)
  }
  e <- ys - yhat; RSS <- sum(e^2); trS <- sum(Sii); trStS <- sum(ss)
  edf <- n - 2 * trS + trStS; sigma2 <- RSS / edf; R2 <- 1 - RSS / sum((ys - mean(ys))^2)
  diag <- list(n = n, RSS = RSS, trS = trS, trStS = trStS, enp = 2 * trS - trStS, edf = edf, sigma2 = sigma2,
    sigma2_ml = RSS / n,
    AICc = if (n - 2 - trS > 0) n * log(RSS / n) + n * log(2 * pi) + n * (n + trS) / (n - 2 - trS) else NA,
    AIC = n * log(RSS / n) + n * log(2 * pi) + n + trS, R2 = R2, adjR2 = 1 - (1 - R2) * (n - 1) / (edf - 1),
    CV = sum((e / (1 - Sii))^2))
  list(beta = beta, se = sqrt(sigma2 * se2), S_ii = Sii, bw_local = hl, yhat = yhat, resid = e, diagnostics = diag)
}

case <- function(id, model, rows, kernel, adaptive, bw, tau) {
  f <- gtwr_fit(rows, kernel, adaptive, bw, tau)
  c(list(id = id, model = model, kernel = kernel, adaptive = adaptive, bw = bw), if (model == "GTWR") list(tau = tau) else list(),
    list(n = length(rows), obs_index = rows, coef_names = colnames(X)), f)
}
rows86 <- which(P$year == 1986); rowsAll <- seq_len(nrow(P))
prof <- lapply(10:48, function(k) gtwr_fit(rows86, "bisquare", TRUE, k, 0, lite = TRUE)$diagnostics)
aicc <- sapply(prof, function(d) d$AICc); cv <- sapply(prof, function(d) d$CV)
res <- list(
  meta = list(created = format(Sys.time(), tz = "UTC", usetz = TRUE), R = R.version.string,
    script = "scripts/reference/gwr-reference.R (written-out loop; conventions as the shared reference meta)",
    obs_order = "by year (1970..1986), then STATE_NAME alphabetical; obs_index is 1-based into data$obs"),
  data = list(states = states, centroid_lon = cen[, 1], centroid_lat = cen[, 2], dist_km_48x48 = D48,
    obs = list(state = P$state_name, year = P$year), y = y, X = unname(X), X_names = colnames(X),
    ols_1986 = as.list(setNames(qr.solve(X[rows86, ], y[rows86]), colnames(X)))),
  cases = list(
    gwr1986_bisquare_adaptive_k20 = case("gwr1986_bisquare_adaptive_k20", "GWR", rows86, "bisquare", TRUE, 20, 0),
    gwr1986_bisquare_adaptive_kopt = case("gwr1986_bisquare_adaptive_kopt", "GWR", rows86, "bisquare", TRUE, (10:48)[which.min(aicc)], 0),
    gwr1986_gaussian_fixed_h1000 = case("gwr1986_gaussian_fixed_h1000", "GWR", rows86, "gaussian", FALSE, 1000, 0),
    `gtwr_tau0.5_bisquare_adaptive_k60` = case("gtwr_tau0.5_bisquare_adaptive_k60", "GTWR", rowsAll, "bisquare", TRUE, 60, 0.5)),
  searches = list(gwr1986_bisquare_adaptive = list(criterion = "AICc", method = "exhaustive", k_range = c(10, 48),
    k_opt = (10:48)[which.min(aicc)], k_opt_CV = (10:48)[which.min(cv)],
    profile = list(k = 10:48, AICc = aicc, CV = cv, trS = sapply(prof, function(d) d$trS))))
)
dir.create(dirname(out_file), showWarnings = FALSE, recursive = TRUE)
writeLines(toJSON(res, auto_unbox = TRUE, digits = I(15), pretty = FALSE), out_file)
cat("wrote", out_file, "\n")
