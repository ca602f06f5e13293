# Reference values for the spatial panel engine (src/models/spatial-panel) beyond the shared
# SDM/SAR two-way block: SEM, SDEM, SLX two-way FE; SAR and SDM with individual-only and
# time-only effects; random-effects SAR and SDM; the spatial Hausman test; the Lee-Yu (2010)
# bias-corrected SAR/SDM two-way; LM lag/error and robust forms; LR and Wald of SDM vs SAR and
# vs SEM; region-level effects; the SDM two-way under a second matrix (k = 4 nearest neighbours).
# Writes tests/fixtures/reference/spatial_panel_reference.json. Run from the repo root:
#   Rscript scripts/reference/spatial-panel-reference.R [data_dir] [out_file]
# (defaults: assets/datasets, tests/fixtures/reference/spatial_panel_reference.json).
# Needs Debian r-base-core, r-cran-sf, r-cran-spdep, r-cran-jsonlite (no splm, no spatialreg:
# every panel likelihood below is written out here). Regenerate only on purpose.
#
# Conventions (also written into the JSON's meta):
# - Data stacked by time then region (region order = us48 sorted by STATE_NAME); N = 48, T = 17.
# - Lag models (SAR, SDM, and the WX of SLX/SDEM): Wy and WX are formed from the raw data period
#   by period, then demeaned like y and X (Elhorst sar_panel_FE).
# - Error models (SEM, SDEM): y and X (incl. raw-formed WX for SDEM) are demeaned first, and the
#   error filter (I - lambda W) is applied to the demeaned data (Elhorst sem_panel_FE).
# - Every likelihood is concentrated in rho (lambda), maximised by optimize(tol = 1e-12) and polished
#   on the analytic score by uniroot(tol = 1e-15), on
#   (1/omega_min, 1/omega_max) of W's real eigenvalues (+-1e-8); sigma2 = e'e/NT;
#   logLik = -NT/2 log(2 pi sigma2) + T ln|I - rho W| - e'e/(2 sigma2) (+ N log theta for RE).
# - ln|I - rho W| = Re(sum(log(1 - rho omega))) over the (possibly complex) eigenvalues of W.
# - Variances: Elhorst's analytical information matrices (written out in the functions below).
suppressMessages({ library(sf); library(spdep); library(jsonlite) })

args <- commandArgs(trailingOnly = TRUE)
data_dir <- if (length(args) >= 1) args[1] else Sys.getenv("RWB_DATA", "assets/datasets")
out_file <- if (length(args) >= 2) args[2] else "tests/fixtures/reference/spatial_panel_reference.json"

us <- st_read(file.path(data_dir, "us48/us48.shp"), quiet = TRUE)
us <- us[order(us$STATE_NAME), ]
ids <- as.character(us$STATE_NAME)
W <- listw2mat(nb2listw(poly2nb(us, queen = TRUE), style = "W"))
dimnames(W) <- NULL
# second matrix: k = 4 nearest neighbours of the GEOS planar centroids of the lon/lat polygons
# (the shapefile has no .prj), ranked by spdep's ellipsoid distance (longlat = TRUE), row-standardised
xy <- st_coordinates(st_centroid(st_geometry(us)))
Wk <- listw2mat(nb2listw(knn2nb(knearneigh(xy, k = 4, longlat = TRUE)), style = "W"))
dimnames(Wk) <- NULL

P <- read.csv(file.path(data_dir, "produc.csv"))
stopifnot(setequal(unique(P$state_name), ids))
P <- P[order(P$year, match(P$state_name, ids)), ]
N <- length(ids); T <- length(unique(P$year)); NT <- N * T
stopifnot(nrow(P) == NT)
y <- log(P$gsp)
X <- cbind(log_pcap = log(P$pcap), log_pc = log(P$pc), log_emp = log(P$emp), unemp = P$unemp)
xnames <- colnames(X)
id <- rep(1:N, T); tt <- rep(1:T, each = N)

# ---------------------------------------------------------------- helpers
demean <- function(v, effects) {
  switch(effects,
    individual = v - ave(v, id),
    time = v - ave(v, tt),
    twoways = v - ave(v, id) - ave(v, tt) + mean(v),
    none = v)
}
demeanM <- function(M, effects) { R <- apply(M, 2, demean, effects = effects); colnames(R) <- colnames(M); R }
# W applied period by period to a time-major stacked vector / matrix
Wp <- function(v, Wm) as.vector(Wm %*% matrix(v, N, T))
WpM <- function(M, Wm) { R <- apply(M, 2, Wp, Wm = Wm); colnames(R) <- paste0("W_", colnames(M)); R }
spectrum <- function(Wm) {
  om <- eigen(Wm, only.values = TRUE)$values
  re <- Re(om[abs(Im(om)) < 1e-10])
  list(om = as.complex(om), lower = 1 / min(re) + 1e-8, upper = 1 / max(re) - 1e-8)
}
logdet <- function(r, sp) Re(sum(log(1 - r * sp$om)))
# d/drho ln|I - rho W| = -tr(W (I - rho W)^-1) = -Re(sum(omega / (1 - rho omega)))
dlogdet <- function(r, sp) -Re(sum(sp$om / (1 - r * sp$om)))
# optimize() pins a flat maximum down only to about sqrt(eps) relative; polish it on the score
# (the analytic derivative) with uniroot in a small bracket around the first optimum.
polish <- function(x0, score, lower, upper) {
  h <- 1e-6 * max(abs(x0), 1e-3)
  for (k in 1:30) {
    lo <- max(lower, x0 - h); hi <- min(upper, x0 + h)
    slo <- score(lo); shi <- score(hi)
    if (slo >= 0 && shi <= 0) return(uniroot(score, c(lo, hi), f.lower = slo, f.upper = shi, tol = 1e-15, maxiter = 200)$root)
    h <- 4 * h
  }
  x0
}
chisq <- function(stat, df) list(stat = stat, df = df, p = pchisq(stat, df, lower.tail = FALSE))

# Elhorst sar_panel_FE information matrix for (beta, rho, sigma2) on demeaned data Xw.
lag_info <- function(Xw, beta, rho, s2, Wm) {
  k <- ncol(Xw)
  A <- solve(diag(N) - rho * Wm); WB <- Wm %*% A
  WBxb <- Wp(Xw %*% beta, WB)
  info <- matrix(0, k + 2, k + 2)
  info[1:k, 1:k] <- crossprod(Xw) / s2
  info[1:k, k + 1] <- info[k + 1, 1:k] <- crossprod(Xw, WBxb) / s2
  info[k + 1, k + 1] <- T * sum(diag(WB %*% WB + t(WB) %*% WB)) + sum(WBxb^2) / s2
  info[k + 1, k + 2] <- info[k + 2, k + 1] <- T * sum(diag(WB)) / s2
  info[k + 2, k + 2] <- NT / (2 * s2^2)
  info
}

# SAR (durbin = FALSE) or SDM (durbin = TRUE) with fixed effects, Elhorst sar_panel_FE
lag_fe <- function(effects, durbin, Wm = W) {
  sp <- spectrum(Wm)
  Xall <- if (durbin) cbind(X, WpM(X, Wm)) else X
  yw <- demean(y, effects); wyw <- demean(Wp(y, Wm), effects); Xw <- demeanM(Xall, effects)
  b0 <- qr.solve(Xw, yw); bd <- qr.solve(Xw, wyw)
  e0 <- yw - Xw %*% b0; ed <- wyw - Xw %*% bd
  cll <- function(r) -NT / 2 * log(sum((e0 - r * ed)^2)) + T * logdet(r, sp)
  rho <- optimize(cll, c(sp$lower, sp$upper), maximum = TRUE, tol = 1e-12)$maximum
  s00 <- sum(e0^2); s0d <- sum(e0 * ed); sdd <- sum(ed^2)
  rho <- polish(rho, function(r) NT * (s0d - r * sdd) / (s00 - 2 * r * s0d + r^2 * sdd) + T * dlogdet(r, sp), sp$lower, sp$upper)
  beta <- as.vector(b0 - rho * bd); names(beta) <- colnames(Xall)
  e <- as.vector(yw - rho * wyw - Xw %*% beta); s2 <- sum(e^2) / NT
  ll <- -NT / 2 * log(2 * pi * s2) + T * logdet(rho, sp) - sum(e^2) / (2 * s2)
  info <- lag_info(Xw, beta, rho, s2, Wm)
  V <- solve(info); se <- sqrt(diag(V)); k <- ncol(Xw)
  list(effects = effects, rho = rho, rho_se = se[k + 1], names = names(beta), beta = unname(beta),
       beta_se = se[1:k], sigma2 = s2, sigma2_se = se[k + 2], logLik = ll, V = V, Xw = Xw, yw = yw,
       wyw = wyw, Wm = Wm, sp = sp, k = k)
}

# SEM (durbin = FALSE) or SDEM (durbin = TRUE) with fixed effects, Elhorst sem_panel_FE:
# demean first, then the error filter on the demeaned data; beta(lambda) by GLS on the filtered data.
err_fe <- function(effects, durbin, Wm = W) {
  sp <- spectrum(Wm)
  Xall <- if (durbin) cbind(X, WpM(X, Wm)) else X
  yw <- demean(y, effects); Xw <- demeanM(Xall, effects)
  wy <- Wp(yw, Wm); WX <- apply(Xw, 2, Wp, Wm = Wm)
  fit_at <- function(l) {
    ys <- yw - l * wy; Xs <- Xw - l * WX
    b <- qr.solve(Xs, ys); e <- as.vector(ys - Xs %*% b)
    list(b = b, e = e, Xs = Xs)
  }
  cll <- function(l) -NT / 2 * log(sum(fit_at(l)$e^2)) + T * logdet(l, sp)
  lam <- optimize(cll, c(sp$lower, sp$upper), maximum = TRUE, tol = 1e-12)$maximum
  # score at fixed beta(lambda) (envelope): -NT e'(dE/dlambda)/e'e + T dlogdet, dE/dlambda = -W u, u = yw - Xw b
  lam <- polish(lam, function(l) {
    f <- fit_at(l); u <- yw - Xw %*% f$b
    NT * sum(f$e * Wp(u, Wm)) / sum(f$e^2) + T * dlogdet(l, sp)
  }, sp$lower, sp$upper)
  f <- fit_at(lam); s2 <- sum(f$e^2) / NT; k <- ncol(Xw)
  ll <- -NT / 2 * log(2 * pi * s2) + T * logdet(lam, sp) - sum(f$e^2) / (2 * s2)
  A <- solve(diag(N) - lam * Wm); WB <- Wm %*% A
  info <- matrix(0, k + 2, k + 2)
  info[1:k, 1:k] <- crossprod(f$Xs) / s2
  info[k + 1, k + 1] <- T * sum(diag(WB %*% WB + t(WB) %*% WB))
  info[k + 1, k + 2] <- info[k + 2, k + 1] <- T * sum(diag(WB)) / s2
  info[k + 2, k + 2] <- NT / (2 * s2^2)
  V <- solve(info); se <- sqrt(diag(V))
  list(effects = effects, lambda = lam, lambda_se = se[k + 1], names = colnames(Xall),
       beta = unname(as.vector(f$b)), beta_se = se[1:k], sigma2 = s2, sigma2_se = se[k + 2],
       logLik = ll, V = V)
}

# SLX with fixed effects: OLS of demeaned y on demeaned [X, WX] (WX formed from raw data).
slx_fe <- function(effects, Wm = W) {
  Xall <- cbind(X, WpM(X, Wm))
  yw <- demean(y, effects); Xw <- demeanM(Xall, effects)
  b <- qr.solve(Xw, yw); e <- as.vector(yw - Xw %*% b); s2 <- sum(e^2) / NT
  XtXi <- solve(crossprod(Xw))
  list(effects = effects, names = colnames(Xall), beta = unname(as.vector(b)),
       beta_se = sqrt(diag(XtXi) * s2), sigma2 = s2,
       logLik = -NT / 2 * log(2 * pi * s2) - NT / 2)
}

strip <- function(f, drop = c("V", "Xw", "yw", "wyw", "Wm", "sp", "k")) {
  f <- f[setdiff(names(f), drop)]
  lapply(f, function(v) if (is.numeric(v)) unname(v) else v)
}

# LeSage-Pace effects for an SDM fit (point values): mean diag, mean row sum, difference
sdm_effects <- function(f, Wm) {
  k <- length(xnames); A <- solve(diag(N) - f$rho * Wm)
  do.call(rbind, lapply(1:k, function(j) {
    S <- A %*% (f$beta[j] * diag(N) + f$beta[k + j] * Wm)
    d <- mean(diag(S)); tot <- sum(S) / N
    data.frame(name = xnames[j], direct = d, indirect = tot - d, total = tot)
  }))
}
sar_effects <- function(f, Wm) {
  A <- solve(diag(N) - f$rho * Wm); dA <- mean(diag(A)); tA <- 1 / (1 - f$rho)
  data.frame(name = xnames, direct = f$beta * dA, indirect = f$beta * (tA - dA), total = f$beta * tA)
}

res <- list(meta = list(
  source = "scripts/reference/spatial-panel-reference.R (own R code; no splm/spatialreg)",
  r_version = R.version.string, spdep_version = as.character(packageVersion("spdep")),
  data = "assets/datasets/produc.csv + assets/datasets/us48 (regions ordered by STATE_NAME)",
  model = "log(gsp) ~ log(pcap) + log(pc) + log(emp) + unemp",
  N = N, T = T, order = ids,
  stacking = "time-major: rows 1..N are the regions of 1970 in W order, then 1971, ...",
  weights = list(
    queen = "spdep::poly2nb(us48, queen = TRUE), nb2listw(style = 'W') (row-standardised)",
    knn4 = paste("spdep::knn2nb(knearneigh(st_coordinates(st_centroid(us48)), k = 4, longlat = TRUE)),",
                 "row-standardised; centroids are GEOS planar centroids of the lon/lat polygons (no .prj);",
                 "ranking by spdep's ellipsoid distance: in src/weights use buildKnn(..., {metric: 'ellipsoid'})",
                 "(great-circle ranking differs for New York's 4th neighbour)")),
  demeaning = paste("lag models (SAR, SDM, and WX of SLX/SDEM): Wy, WX from the raw data period by period,",
                    "then demeaned like y, X (Elhorst sar_panel_FE); error models (SEM, SDEM): y, X demeaned first,",
                    "error filter (I - lambda W) applied to the demeaned data (Elhorst sem_panel_FE);",
                    "twoways demeaning v - mean_i - mean_t + mean"),
  estimation = paste("concentrated log-likelihood in rho/lambda maximised by optimize(tol = 1e-12) on",
                     "(1/omega_min + 1e-8, 1/omega_max - 1e-8), then polished by uniroot(tol = 1e-15) on its",
                     "analytic score (the RE theta likewise on the profile score); sigma2 = e'e/NT;",
                     "logLik = -NT/2 log(2 pi sigma2) + T ln|I - rho W| - e'e/(2 sigma2);",
                     "ln|I - rho W| = Re(sum(log(1 - rho omega_i))) over the eigenvalues of W"),
  variance = paste("Elhorst's analytical information matrices: lag models (beta, rho, sigma2) as sar_panel_FE;",
                   "error models (beta, lambda, sigma2) as sem_panel_FE with beta-lambda block 0;",
                   "SLX: sigma2 (X'X)^-1 with sigma2 = e'e/NT (ML)"),
  coefficient_order = "beta = x's then W_x's (SDM/SDEM/SLX); SE in the same order"
))

# ---------------------------------------------------------------- FE fits
sdm2 <- lag_fe("twoways", TRUE); sar2 <- lag_fe("twoways", FALSE)
sem2 <- err_fe("twoways", FALSE); sdem2 <- err_fe("twoways", TRUE)
res$fe <- list(
  sdm_twoways = strip(sdm2), sar_twoways = strip(sar2),
  sem_twoways = strip(sem2), sdem_twoways = strip(sdem2), slx_twoways = slx_fe("twoways"),
  sar_individual = strip(lag_fe("individual", FALSE)), sdm_individual = strip(lag_fe("individual", TRUE)),
  sar_time = strip(lag_fe("time", FALSE)), sdm_time = strip(lag_fe("time", TRUE))
)
res$fe$sdm_twoways$effects <- sdm_effects(sdm2, W)

# ---------------------------------------------------------------- LM tests (Elhorst LMsarsem_panel)
lm_tests <- function(effects, Wm = W) {
  yw <- demean(y, effects); Xw <- demeanM(X, effects)
  b <- qr.solve(Xw, yw); e <- as.vector(yw - Xw %*% b); s2 <- sum(e^2) / NT
  Ttr <- T * sum(diag((t(Wm) + Wm) %*% Wm))
  WXb <- Wp(Xw %*% b, Wm)
  MWXb <- WXb - Xw %*% qr.solve(Xw, WXb)
  J <- (sum(WXb * MWXb) + Ttr * s2) / s2
  EWE <- sum(e * Wp(e, Wm)); EWY <- sum(e * Wp(yw, Wm))
  list(
    lm_lag = chisq((EWY / s2)^2 / J, 1),
    lm_error = chisq((EWE / s2)^2 / Ttr, 1),
    robust_lm_lag = chisq((EWY - EWE)^2 / (s2^2 * (J - Ttr)), 1),
    robust_lm_error = chisq((EWE - (Ttr / J) * EWY)^2 / (s2^2 * (Ttr * (1 - Ttr / J))), 1),
    J = J, Ttr = Ttr, sigma2 = s2, e_W_e = EWE, e_W_y = EWY)
}
res$lm_twoways <- lm_tests("twoways")
res$lm_twoways$convention <- paste(
  "LMsarsem_panel's formulas with the FULL projector M = I - X(X'X)^-1 X' (Anselin 1988, Debarsy & Ertur 2010; Elhorst's code projects period by period instead: see spatial_panel_fe.json lm_twoways) on the two-way demeaned non-spatial model: OLS of demeaned y on demeaned X,",
  "sigma2 = e'e/NT; W applied period by period to the DEMEANED y, e and X b;",
  "Ttr = T tr((W' + W) W); J = [(W X b)' M (W X b) + Ttr sigma2]/sigma2;",
  "LM_lag = (e'Wy/sigma2)^2/J; LM_err = (e'We/sigma2)^2/Ttr;",
  "robust LM_lag = (e'Wy - e'We)^2/(sigma2^2 (J - Ttr));",
  "robust LM_err = (e'We - (Ttr/J) e'Wy)^2/(sigma2^2 Ttr (1 - Ttr/J)); chi2(1)")

# ---------------------------------------------------------------- LR and Wald, SDM vs SAR / SEM
k <- length(xnames)
Vb <- sdm2$V[1:(2 * k + 1), 1:(2 * k + 1)]     # (beta, theta, rho)
th <- sdm2$beta[(k + 1):(2 * k)]; bb <- sdm2$beta[1:k]; rho <- sdm2$rho
Vth <- Vb[(k + 1):(2 * k), (k + 1):(2 * k)]
g <- th + rho * bb
Jg <- cbind(rho * diag(k), diag(k), bb)
res$tests_twoways <- list(
  lr_sdm_vs_sar = chisq(2 * (sdm2$logLik - sar2$logLik), k),
  lr_sdm_vs_sem = chisq(2 * (sdm2$logLik - sem2$logLik), k),
  wald_sdm_vs_sar = chisq(as.numeric(t(th) %*% solve(Vth, th)), k),
  wald_sdm_vs_sem = chisq(as.numeric(t(g) %*% solve(Jg %*% Vb %*% t(Jg), g)), k),
  convention = paste("LR = 2 (logLik_SDM - logLik_restricted), restricted = SAR two-way / SEM two-way above;",
                     "Wald SAR: theta' V_theta^-1 theta; Wald SEM: g = theta + rho beta,",
                     "G = [rho I_k, I_k, beta] over (beta, theta, rho), g' (G V G')^-1 g;",
                     "V = (beta, theta, rho) block of the inverse SDM information matrix (incl. sigma2 row)"))

# ---------------------------------------------------------------- region-level effects (SDM two-way, log(pcap))
region_effects <- function(f, Wm, j = 1) {
  A <- solve(diag(N) - f$rho * Wm)
  S <- A %*% (f$beta[j] * diag(N) + f$beta[k + j] * Wm)
  d <- diag(S)
  data.frame(name = ids, direct = d, received = rowSums(S) - d, emitted = colSums(S) - d)
}
res$region_effects_sdm_twoways_log_pcap <- list(
  variable = "log_pcap",
  definition = "S = (I - rho W)^-1 (beta I + theta W) at the SDM two-way queen estimates; direct = diag(S), received = row sum - diag, emitted = column sum - diag",
  regions = region_effects(sdm2, W, 1))

# ---------------------------------------------------------------- SDM two-way under knn4
sdmk <- lag_fe("twoways", TRUE, Wk)
res$knn4 <- list(sdm_twoways = strip(sdmk))
res$knn4$sdm_twoways$effects <- sdm_effects(sdmk, Wk)
res$knn4$neighbors <- setNames(lapply(1:N, function(i) I(ids[which(Wk[i, ] > 0)])), ids)

# ---------------------------------------------------------------- random effects (Elhorst sar_panel_RE)
# y*_it = y_it - (1 - theta) ybar_i (same for Wy, built from raw y, and for [1, X, WX]);
# theta^2 = sigma2 / (T sigma2_mu + sigma2). For fixed theta the model is a pooled SAR on the
# transformed data (concentrated in rho); logLik adds N log(theta). Elhorst alternates theta
# (fminbnd) and (beta, rho) to convergence; here the same likelihood is maximised exactly:
# theta by optimize(tol = 1e-12) on (0, 1) over the profile max_rho of the concentrated likelihood.
re_fit <- function(durbin, Wm = W) {
  sp <- spectrum(Wm)
  Z <- cbind(const = 1, X); if (durbin) Z <- cbind(Z, WpM(X, Wm))
  wy <- Wp(y, Wm)
  mi <- function(v) ave(v, id)
  ym <- mi(y); wym <- mi(wy); Zm <- apply(Z, 2, mi)
  at_theta <- function(theta) {
    ys <- y - (1 - theta) * ym; wys <- wy - (1 - theta) * wym; Zs <- Z - (1 - theta) * Zm
    b0 <- qr.solve(Zs, ys); bd <- qr.solve(Zs, wys)
    e0 <- ys - Zs %*% b0; ed <- wys - Zs %*% bd
    cll <- function(r) -NT / 2 * log(sum((e0 - r * ed)^2)) + T * logdet(r, sp)
    o <- optimize(cll, c(sp$lower, sp$upper), maximum = TRUE, tol = 1e-12)
    s00 <- sum(e0^2); s0d <- sum(e0 * ed); sdd <- sum(ed^2)
    r <- polish(o$maximum, function(r) NT * (s0d - r * sdd) / (s00 - 2 * r * s0d + r^2 * sdd) + T * dlogdet(r, sp), sp$lower, sp$upper)
    e <- as.vector(e0 - r * ed)
    list(rho = r, value = cll(r) + N * log(theta), b0 = b0, bd = bd, Zs = Zs, ys = ys, wys = wys, e = e)
  }
  # score in theta of the profile (envelope theorem): -NT e'm/e'e + N/theta, m = de/dtheta = the unit
  # means of the raw residual y - rho Wy - Z beta (repeated over t)
  theta_score <- function(th) {
    a <- at_theta(th); b <- as.vector(a$b0 - a$rho * a$bd)
    m <- ym - a$rho * wym - Zm %*% b
    -NT * sum(a$e * m) / sum(a$e^2) + N / th
  }
  theta <- optimize(function(th) at_theta(th)$value, c(1e-8, 1 - 1e-8), maximum = TRUE, tol = 1e-12)$maximum
  theta <- polish(theta, theta_score, 1e-8, 1 - 1e-8)
  a <- at_theta(theta); rho <- a$rho
  beta <- as.vector(a$b0 - rho * a$bd); names(beta) <- colnames(Z)
  e <- as.vector(a$ys - rho * a$wys - a$Zs %*% beta); s2 <- sum(e^2) / NT
  ll <- -NT / 2 * log(2 * pi * s2) + T * logdet(rho, sp) + N * log(theta) - sum(e^2) / (2 * s2)
  # Elhorst's analytical information matrix, parameters (beta, rho, theta, sigma2)
  kz <- ncol(Z); A <- solve(diag(N) - rho * Wm); WB <- Wm %*% A
  WBzb <- Wp(a$Zs %*% beta, WB)
  info <- matrix(0, kz + 3, kz + 3)
  info[1:kz, 1:kz] <- crossprod(a$Zs) / s2
  info[1:kz, kz + 1] <- info[kz + 1, 1:kz] <- crossprod(a$Zs, WBzb) / s2
  info[kz + 1, kz + 1] <- sum(WBzb^2) / s2 + T * sum(diag(WB %*% WB + t(WB) %*% WB))
  info[kz + 1, kz + 2] <- info[kz + 2, kz + 1] <- -sum(diag(WB))
  info[kz + 1, kz + 3] <- info[kz + 3, kz + 1] <- T * sum(diag(WB)) / s2
  info[kz + 2, kz + 2] <- N * (1 + 1 / theta^2)
  info[kz + 2, kz + 3] <- info[kz + 3, kz + 2] <- -N / s2
  info[kz + 3, kz + 3] <- NT / (2 * s2^2)
  V <- solve(info); se <- sqrt(diag(V))
  # cross-check only: numerical Hessian of the full log-likelihood in (beta, rho, theta, sigma2)
  full_ll <- function(p) {
    b <- p[1:kz]; r <- p[kz + 1]; th <- p[kz + 2]; sg <- p[kz + 3]
    ys <- y - (1 - th) * ym; wys <- wy - (1 - th) * wym; Zs <- Z - (1 - th) * Zm
    ee <- ys - r * wys - Zs %*% b
    -NT / 2 * log(2 * pi * sg) + T * logdet(r, sp) + N * log(th) - sum(ee^2) / (2 * sg)
  }
  p0 <- c(beta, rho, theta, s2)
  H <- optimHess(p0, full_ll, control = list(ndeps = pmax(abs(p0), 1e-3) * 1e-4))
  se_num <- sqrt(diag(solve(-H)))
  list(names = names(beta), beta = unname(beta), beta_se = se[1:kz], rho = rho, rho_se = se[kz + 1],
       theta = theta, theta_se = se[kz + 2], sigma2 = s2, sigma2_se = se[kz + 3],
       sigma2_mu = (1 / theta^2 - 1) * s2 / T, logLik = ll,
       se_numerical_hessian = list(beta = unname(se_num[1:kz]), rho = unname(se_num[kz + 1]),
                                   theta = unname(se_num[kz + 2]), sigma2 = unname(se_num[kz + 3])),
       V = V, kz = kz)
}
re_sar <- re_fit(FALSE); re_sdm <- re_fit(TRUE)
# cross-check: the random-effects likelihood written directly in (beta, rho, sigma2, sigma2_mu),
# e = (I_T x (I - rho W)) y - Z beta ~ N(0, Omega), Omega = sigma2 I + sigma2_mu (J_T x I_N), equals
# logLik at the estimates, and a quasi-Newton search from a perturbed start finds nothing higher.
re_direct <- function(durbin, f) {
  Z <- cbind(1, X); if (durbin) Z <- cbind(Z, WpM(X, W))
  sp <- spectrum(W); kz <- ncol(Z)
  ll <- function(p) {
    b <- p[1:kz]; r <- p[kz + 1]; s2 <- exp(p[kz + 2]); sm <- exp(p[kz + 3])
    e <- as.vector(y - r * Wp(y, W) - Z %*% b); em <- ave(e, id)
    q <- sum((e - em) * e) / s2 + sum(em * e) / (s2 + T * sm)
    -NT / 2 * log(2 * pi) - (N * (T - 1) * log(s2) + N * log(s2 + T * sm)) / 2 - q / 2 + T * logdet(r, sp)
  }
  p0 <- c(f$beta, f$rho, log(f$sigma2), log(f$sigma2_mu))
  stopifnot(abs(ll(p0) - f$logLik) < 1e-8)
  o <- optim(p0 + c(rep(0.01, kz), 0.02, 0.1, 0.1), ll, method = "BFGS",
             control = list(fnscale = -1, maxit = 10000, reltol = 1e-15))
  stopifnot(o$value <= f$logLik + 1e-7)
}
re_direct(FALSE, re_sar); re_direct(TRUE, re_sdm)
res$re <- list(
  convention = paste(
    "Elhorst sar_panel_RE: y = rho W y + [1, X(, WX)] beta + mu_i + e; y*_it = y_it - (1 - theta) ybar_i",
    "(also Wy from raw y, and every column of [1, X, WX]); theta^2 = sigma2/(T sigma2_mu + sigma2), theta in (0, 1);",
    "sigma2_mu = (1/theta^2 - 1) sigma2 / T; sigma2 = e'e/NT of the transformed model;",
    "logLik = -NT/2 log(2 pi sigma2) + T ln|I - rho W| + N log(theta) - e'e/(2 sigma2);",
    "maximised exactly: theta by optimize(tol 1e-12) on (0,1) of the rho-profiled concentrated likelihood,",
    "then uniroot on its score -NT e'm/e'e + N/theta (m = unit means of y - rho Wy - Z beta); rho likewise",
    "(Elhorst alternates theta and (beta, rho) with a loose fminbnd);",
    "SE from Elhorst's analytical information matrix over (beta, rho, theta, sigma2):",
    "I_bb = Z*'Z*/s2, I_brho = Z*'(I_T x WB) Z* b / s2, I_rhorho = |(I_T x WB) Z* b|^2/s2 + T tr(WB WB + WB'WB),",
    "I_rhotheta = -tr(WB), I_rhosigma = T tr(WB)/s2, I_thetatheta = N (1 + 1/theta^2), I_thetasigma = -N/s2,",
    "I_sigmasigma = NT/(2 s2^2), others 0; WB = W (I - rho W)^-1.",
    "se_numerical_hessian: R optimHess of the full log-likelihood, a cross-check only"),
  sar = strip(re_sar, c("V", "kz")), sdm = strip(re_sdm, c("V", "kz")))

# ---------------------------------------------------------------- spatial Hausman FE (individual) vs RE
hausman <- function(fe, re, durbin) {
  kb <- if (durbin) 2 * k else k
  bfe <- c(fe$beta, fe$rho); Vfe <- fe$V[1:(kb + 1), 1:(kb + 1)]
  pick <- c(2:(kb + 1), kb + 2)          # RE: drop the constant, keep (beta, theta, rho)
  bre <- c(re$beta[-1], re$rho); Vre <- re$V[pick, pick]
  d <- bfe - bre; Vd <- Vfe - Vre
  h <- as.numeric(t(d) %*% solve(Vd, d))
  c(chisq(h, length(d)), list(names = c(fe$names, "rho"), difference = unname(d),
    min_eigen_vdiff = min(eigen(Vd, symmetric = TRUE, only.values = TRUE)$values)))
}
sar1 <- lag_fe("individual", FALSE); sdm1 <- lag_fe("individual", TRUE)
res$hausman <- list(
  convention = paste(
    "H = d' (V_FE - V_RE)^-1 d, d = (beta, theta, rho)_FE - (beta, theta, rho)_RE (RE constant, theta_RE and",
    "sigma2 excluded; V blocks of the inverse analytical information matrices, FE with individual effects",
    "only, fitted as fe.sar_individual / fe.sdm_individual); chi2 with df = length(d).",
    "xsmle's hausman compares the same coefficients (FE type(ind) vs RE) but builds the variance of the",
    "difference in its compiled Mata routine _xsmle_hausman_ml from scores and Hessians; that routine was not",
    "available to reproduce, so this is the classic (Elhorst demo) form."),
  sar = hausman(sar1, re_sar, FALSE), sdm = hausman(sdm1, re_sdm, TRUE))

# ---------------------------------------------------------------- Lee-Yu (2010) bias correction, two-way
# Elhorst sar_panel_FE (info.bc = 1, model 3): the direct ML estimate is corrected for the time
# effects, then sigma2 for the individual effects:
#   (beta, rho, s2)* = (beta, rho, s2)^ + (1/N) [I(theta^)/NT]^-1 (0_k, 1/(1 - rho^), 1/(2 s2^))'
#   s2_bc = T/(T - 1) s2*
# individual effects only: s2_bc = T/(T-1) s2^; time effects only: s2_bc = N/(N-1) s2^ (beta, rho unchanged);
# and the variance is the analytical information matrix evaluated at the corrected values.
# (xsmle's type(both, leeyu) switches to type(ind) with the transformation approach, see its ado.)
lee_yu <- function(f, durbin) {
  kk <- f$k
  info <- lag_info(f$Xw, f$beta, f$rho, f$sigma2, f$Wm)
  p <- c(f$beta, f$rho, f$sigma2)
  if (f$effects == "twoways") {
    pbc <- p + solve(info / NT, c(rep(0, kk), 1 / (1 - f$rho), 1 / (2 * f$sigma2))) / N
    beta <- pbc[1:kk]; rho <- pbc[kk + 1]; s2 <- T / (T - 1) * pbc[kk + 2]
  } else {
    beta <- f$beta; rho <- f$rho
    s2 <- if (f$effects == "individual") T / (T - 1) * f$sigma2 else N / (N - 1) * f$sigma2
  }
  V <- solve(lag_info(f$Xw, beta, rho, s2, f$Wm)); se <- sqrt(diag(V))
  out <- list(names = f$names, beta = unname(beta), beta_se = se[1:kk], rho = rho, rho_se = se[kk + 1],
              sigma2 = s2, sigma2_se = se[kk + 2], logLik_uncorrected = f$logLik,
              correction = unname(c(beta, rho, s2) - p))
  ff <- list(beta = beta, rho = rho)
  out$effects <- if (durbin) sdm_effects(ff, f$Wm) else sar_effects(ff, f$Wm)
  out
}
res$lee_yu <- list(
  convention = paste(
    "Bias correction (not the transformation approach), as Elhorst sar_panel_FE info.bc = 1 with two-way effects:",
    "(beta, rho, s2)* = (beta, rho, s2)^ + (1/N) [I/NT]^-1 (0_k, 1/(1 - rho), 1/(2 s2))', I = analytical information",
    "matrix at the direct two-way estimates (fe.sar_twoways / fe.sdm_twoways); s2_bc = T/(T-1) s2*;",
    "individual effects only: s2_bc = T/(T-1) s2, time effects only: s2_bc = N/(N-1) s2, beta and rho unchanged;",
    "SE from the information matrix at the corrected (beta, rho, s2_bc); effects at the corrected values.",
    "xsmle type(both, leeyu) replaces both by ind (transformation approach, spatial effects only)."),
  sar_twoways = lee_yu(sar2, FALSE), sdm_twoways = lee_yu(sdm2, TRUE),
  sar_individual = lee_yu(sar1, FALSE), sdm_individual = lee_yu(sdm1, TRUE),
  sar_time = lee_yu(lag_fe("time", FALSE), FALSE), sdm_time = lee_yu(lag_fe("time", TRUE), TRUE))

write(toJSON(res, auto_unbox = TRUE, digits = NA, pretty = TRUE), out_file)
cat("wrote", out_file, "\n")
