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
#   sdm_twoways, sar_twoways  two-way fixed-effects spatial Durbin / spatial lag panel by ML as
#                             Elhorst's sar_panel_FE (Elhorst 2014, ch. 3), written out below
#                             (elhorst_lag_fe): Wy and WX formed from the raw data per year, then
#                             demeaned; concentrated log-likelihood in rho maximised by optimize()
#                             and polished by uniroot() on its score; sigma2 = e'e/NT; Elhorst's
#                             analytical information matrix; LeSage-Pace effects with SEs from
#                             20,000 MASS::mvrnorm draws of (beta, theta, rho), set.seed(1).
#                             Needs r-cran-mass.
suppressMessages({ library(sf); library(spdep); library(jsonlite); library(MASS) })

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

# ---- spatial panel: two-way FE SAR / SDM (Elhorst's sar_panel_FE, our own code) ----
# Panel stacked by year then state (P is already in that order); W row-standardised queen.
W <- listw2mat(lw)
N <- length(ids); TT <- length(years)
demean_tw <- function(v) {
  m <- matrix(v, N, TT)                      # column t = year t
  as.vector(m - rowMeans(m)[row(m)] - colMeans(m)[col(m)] + mean(m))
}
lag_panel <- function(v) as.vector(W %*% matrix(v, N, TT))
# eigenvalues of W from the symmetric form D^{1/2} W D^{-1/2} (W = D^{-1} C, C binary symmetric)
d <- rowSums(listw2mat(nb2listw(nb, style = "B")))
omega <- eigen(diag(sqrt(d)) %*% W %*% diag(1 / sqrt(d)), symmetric = TRUE, only.values = TRUE)$values
elhorst_lag_fe <- function(y, X, durbin) {
  Xall <- X
  if (durbin) {
    WX <- apply(X, 2, lag_panel); colnames(WX) <- paste0("W*", colnames(X))
    Xall <- cbind(X, WX)
  }
  yt <- demean_tw(y); wyt <- demean_tw(lag_panel(y)); Xt <- apply(Xall, 2, demean_tw)
  b0 <- qr.solve(Xt, yt); bd <- qr.solve(Xt, wyt)
  e0 <- yt - Xt %*% b0; ed <- wyt - Xt %*% bd
  s00 <- sum(e0^2); s0d <- sum(e0 * ed); sdd <- sum(ed^2)
  NT <- N * TT
  conc <- function(r) -NT / 2 * log(s00 - 2 * r * s0d + r^2 * sdd) + TT * sum(log(1 - r * omega))
  score <- function(r) -NT / 2 * (-2 * s0d + 2 * r * sdd) / (s00 - 2 * r * s0d + r^2 * sdd) - TT * sum(omega / (1 - r * omega))
  lo <- 1 / min(omega); hi <- 1 / max(omega)
  r0 <- optimize(conc, c(lo + 1e-9, hi - 1e-9), maximum = TRUE, tol = 1e-12)$maximum
  rho <- uniroot(score, c(r0 - 1e-4, r0 + 1e-4), tol = 1e-14)$root
  beta <- as.vector(b0 - rho * bd); names(beta) <- colnames(Xall)
  e <- as.vector(yt - rho * wyt - Xt %*% beta)
  s2 <- sum(e^2) / NT
  logLik <- -NT / 2 * log(2 * pi * s2) + TT * sum(log(1 - rho * omega)) - NT / 2
  A <- solve(diag(N) - rho * W); Wt <- W %*% A
  wxb <- as.vector(Wt %*% matrix(Xt %*% beta, N, TT))
  k <- ncol(Xt)
  info <- matrix(0, k + 2, k + 2)
  info[1:k, 1:k] <- crossprod(Xt) / s2
  info[1:k, k + 1] <- info[k + 1, 1:k] <- crossprod(Xt, wxb) / s2
  info[k + 1, k + 1] <- TT * sum(diag(Wt %*% Wt + t(Wt) %*% Wt)) + sum(wxb^2) / s2
  info[k + 1, k + 2] <- info[k + 2, k + 1] <- TT * sum(diag(Wt)) / s2
  info[k + 2, k + 2] <- NT / (2 * s2^2)
  V <- solve(info)
  out <- list(rho = rho, rho_se = sqrt(V[k + 1, k + 1]), names = names(beta), beta = unname(beta),
              beta_se = sqrt(diag(V))[1:k], sigma2 = s2, sigma2_se = sqrt(V[k + 2, k + 2]), logLik = logLik)
  if (durbin) {
    kx <- ncol(X)
    eff <- function(p) {                       # p = (beta, theta, rho)
      r <- p[k + 1]; Ar <- solve(diag(N) - r * W)
      a0 <- mean(diag(Ar)); a1 <- mean(diag(Ar %*% W))
      dir <- p[1:kx] * a0 + p[kx + 1:kx] * a1; tot <- (p[1:kx] + p[kx + 1:kx]) / (1 - r)
      cbind(direct = dir, indirect = tot - dir, total = tot)
    }
    pt <- eff(c(beta, rho))
    set.seed(1)
    draws <- MASS::mvrnorm(20000, c(beta, rho), V[1:(k + 1), 1:(k + 1)])
    sims <- array(NA_real_, c(nrow(draws), kx, 3))
    for (i in seq_len(nrow(draws))) sims[i, , ] <- eff(draws[i, ])
    sds <- apply(sims, c(2, 3), sd)
    out$effects <- data.frame(name = colnames(X), direct = pt[, 1], indirect = pt[, 2], total = pt[, 3],
                              direct_se = sds[, 1], indirect_se = sds[, 2], total_se = sds[, 3])
  }
  out
}
Xsp <- X; colnames(Xsp) <- c("log_pcap", "log_pc", "log_emp", "unemp")
res$sdm_twoways <- elhorst_lag_fe(log(P$gsp), Xsp, durbin = TRUE)
res$sar_twoways <- elhorst_lag_fe(log(P$gsp), Xsp, durbin = FALSE)

write(toJSON(res, auto_unbox = TRUE, digits = NA, pretty = TRUE), out_file)
cat("wrote", out_file, "\n")
