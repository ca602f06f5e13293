# Reference values for the fixed-effects spatial panel engine beyond the SDM/SAR two-way blocks of
# produc-reference.R (ours; regenerates tests/fixtures/reference/spatial_panel_fe.json). Run from
# the repository root:
#   Rscript scripts/reference/spatial-panel-fe.R
# Needs R with sf, spdep, jsonlite, MASS, numDeriv (Debian: r-cran-sf r-cran-spdep
# r-cran-jsonlite r-cran-mass r-cran-numderiv). Inputs: assets/datasets/ only.
#
# Data: Produc (48 states x 1970-1986) on the row-standardised queen W of us48 (spdep::poly2nb),
# y = log(gsp), X = log(pcap), log(pc), log(emp), unemp, stacked by year then state.
# Everything is written out densely with kronecker(I_T, W) (NT = 816), independently of the
# engine's sparse code, following Elhorst (2014, ch. 3) and his MATLAB code:
#   lag models (sar, sdm; sar_panel_FE): Wy, WX from raw data per year, then demeaned;
#   error models (sem, sdem; sem_panel_FE): y, X demeaned first, W applied to the demeaned
#     data (SDEM's WX formed from raw X, demeaned, then treated like X);
#   slx: OLS on demeaned [X, WX], sigma2 = e'e/NT.
#   The concentrated log-likelihood is maximised by optimize() and polished by uniroot() on
#   its central-difference derivative; variances from the analytical information matrix.
# Blocks:
#   fits$<model>_<effects>   rho/lambda, se, names, beta, beta_se, sigma2, logLik, r2, corr2
#                            (Elhorst's rsqr with the raw y, and corr2)
#   lm_<effects>             LM lag / error and robust forms (Elhorst's LMsarsem_panel: the
#                            projector M taken per period); lm_full_<effects> with the full
#                            NT x NT projector (Anselin 1988, Debarsy & Ertur 2010)
#   lr_wald_twoways          LR and Wald (delta method) of the two-way SDM vs SAR and SEM
#   region_effects_sdm_twoways  per-region direct / received / emitted effect of log(pc):
#                            diag, row sum - diag, column sum - diag of (I - rho W)^-1 (b I + t W),
#                            SEs from 20,000 MASS::mvrnorm draws of (beta, theta, rho), set.seed(1)
suppressMessages({ library(sf); library(spdep); library(jsonlite); library(MASS) })

data_dir <- Sys.getenv("RWB_DATA", "assets/datasets")
out_file <- "tests/fixtures/reference/spatial_panel_fe.json"

us <- st_read(file.path(data_dir, "us48/us48.shp"), quiet = TRUE)
us <- us[order(us$STATE_NAME), ]
ids <- as.character(us$STATE_NAME)
nb <- poly2nb(us, queen = TRUE)
W <- listw2mat(nb2listw(nb, style = "W"))
P <- read.csv(file.path(data_dir, "produc.csv"))
P <- P[order(P$year, match(P$state_name, ids)), ]
N <- length(ids); TT <- length(unique(P$year)); NT <- N * TT
y <- log(P$gsp)
X <- cbind(log_pcap = log(P$pcap), log_pc = log(P$pc), log_emp = log(P$emp), unemp = P$unemp)
IW <- kronecker(diag(TT), W)
unit <- rep(seq_len(N), TT); year <- rep(seq_len(TT), each = N)
demean <- function(v, effects) switch(effects,
  individual = v - ave(v, unit),
  time = v - ave(v, year),
  twoways = v - ave(v, unit) - ave(v, year) + mean(v))
omega <- Re(eigen(W, only.values = TRUE)$values)   # real: W is similar to a symmetric matrix
lo <- 1 / min(omega); hi <- 1 / max(omega)
logdet <- function(r) sum(log(1 - r * omega))

polish <- function(f) {
  r0 <- optimize(f, c(lo + 1e-9, hi - 1e-9), maximum = TRUE, tol = 1e-12)$maximum
  g <- function(r) (f(r + 1e-5) - f(r - 1e-5)) / 2e-5
  uniroot(g, c(r0 - 1e-4, r0 + 1e-4), tol = 1e-14)$root
}
info_traces <- function(r) {
  Wt <- W %*% solve(diag(N) - r * W)
  list(Wt = Wt, t1 = sum(diag(Wt)), t23 = sum(diag(Wt %*% Wt + t(Wt) %*% Wt)))
}
# Elhorst's rsqr (raw y in the denominator) and corr2 (within-transformed data)
r2s <- function(yt, e, yhat) list(r2 = 1 - sum(e^2) / sum((y - mean(y))^2), corr2 = cor(yt, yhat)^2)

with_durbin <- function(durbin) {
  if (!durbin) return(X)
  WX <- IW %*% X; colnames(WX) <- paste0("W*", colnames(X)); cbind(X, WX)
}

fit_lag <- function(effects, durbin) {
  Xa <- with_durbin(durbin)
  yt <- demean(y, effects); wyt <- demean(as.vector(IW %*% y), effects); Xt <- apply(Xa, 2, demean, effects = effects)
  sse <- function(r) { b <- qr.solve(Xt, yt - r * wyt); sum((yt - r * wyt - Xt %*% b)^2) }
  conc <- function(r) -NT / 2 * log(sse(r)) + TT * logdet(r)
  rho <- polish(conc)
  beta <- qr.solve(Xt, yt - rho * wyt)
  e <- as.vector(yt - rho * wyt - Xt %*% beta); s2 <- sum(e^2) / NT
  tr <- info_traces(rho)
  wxb <- as.vector(kronecker(diag(TT), tr$Wt) %*% (Xt %*% beta))
  k <- ncol(Xt)
  info <- matrix(0, k + 2, k + 2)
  info[1:k, 1:k] <- crossprod(Xt) / s2
  info[1:k, k + 1] <- info[k + 1, 1:k] <- crossprod(Xt, wxb) / s2
  info[k + 1, k + 1] <- TT * tr$t23 + sum(wxb^2) / s2
  info[k + 1, k + 2] <- info[k + 2, k + 1] <- TT * tr$t1 / s2
  info[k + 2, k + 2] <- NT / (2 * s2^2)
  V <- solve(info)
  yhat <- as.vector(kronecker(diag(TT), solve(diag(N) - rho * W)) %*% (Xt %*% beta))
  c(list(rho = rho, rho_se = sqrt(V[k + 1, k + 1]), names = colnames(Xa), beta = unname(as.vector(beta)),
         beta_se = sqrt(diag(V))[1:k], sigma2 = s2, logLik = -NT / 2 * log(2 * pi * s2) + TT * logdet(rho) - NT / 2),
    r2s(yt, e, yhat), list(V = V))
}

fit_err <- function(effects, durbin) {
  Xa <- with_durbin(durbin)
  yt <- demean(y, effects); Xt <- apply(Xa, 2, demean, effects = effects)
  wyt <- as.vector(IW %*% yt); wXt <- IW %*% Xt
  sol <- function(l) { ys <- yt - l * wyt; Xs <- Xt - l * wXt; b <- qr.solve(Xs, ys); list(b = b, e = as.vector(ys - Xs %*% b), Xs = Xs) }
  conc <- function(l) -NT / 2 * log(sum(sol(l)$e^2)) + TT * logdet(l)
  lam <- polish(conc)
  s <- sol(lam); s2 <- sum(s$e^2) / NT
  tr <- info_traces(lam)
  k <- ncol(Xt)
  info <- matrix(0, k + 2, k + 2)
  info[1:k, 1:k] <- crossprod(s$Xs) / s2
  info[k + 1, k + 1] <- TT * tr$t23
  info[k + 1, k + 2] <- info[k + 2, k + 1] <- TT * tr$t1 / s2
  info[k + 2, k + 2] <- NT / (2 * s2^2)
  V <- solve(info)
  c(list(lambda = lam, lambda_se = sqrt(V[k + 1, k + 1]), names = colnames(Xa), beta = unname(as.vector(s$b)),
         beta_se = sqrt(diag(V))[1:k], sigma2 = s2, logLik = -NT / 2 * log(2 * pi * s2) + TT * logdet(lam) - NT / 2),
    r2s(yt, as.vector(yt - Xt %*% s$b), as.vector(Xt %*% s$b)))
}

fit_slx <- function(effects) {
  Xa <- with_durbin(TRUE)
  yt <- demean(y, effects); Xt <- apply(Xa, 2, demean, effects = effects)
  b <- qr.solve(Xt, yt); e <- as.vector(yt - Xt %*% b); s2 <- sum(e^2) / NT
  V <- s2 * solve(crossprod(Xt))
  c(list(names = colnames(Xa), beta = unname(as.vector(b)), beta_se = sqrt(diag(V)), sigma2 = s2,
         logLik = -NT / 2 * (log(2 * pi * s2) + 1)), r2s(yt, e, as.vector(Xt %*% b)))
}

strip <- function(f) { f$V <- NULL; f }
fits <- list()
keep <- list()
for (eff in c("individual", "time", "twoways")) {
  keep[[paste0("sdm_", eff)]] <- fit_lag(eff, TRUE)
  keep[[paste0("sar_", eff)]] <- fit_lag(eff, FALSE)
  fits[[paste0("sdm_", eff)]] <- strip(keep[[paste0("sdm_", eff)]])
  fits[[paste0("sar_", eff)]] <- strip(keep[[paste0("sar_", eff)]])
  fits[[paste0("sem_", eff)]] <- fit_err(eff, FALSE)
  fits[[paste0("sdem_", eff)]] <- fit_err(eff, TRUE)
  fits[[paste0("slx_", eff)]] <- fit_slx(eff)
}

lm_tests <- function(effects, projection = c("per-period", "full")) {
  projection <- match.arg(projection)
  yt <- demean(y, effects); Xt <- apply(X, 2, demean, effects = effects)
  b <- qr.solve(Xt, yt); e <- as.vector(yt - Xt %*% b); s2 <- sum(e^2) / NT
  tw <- sum(diag(W %*% W + t(W) %*% W))
  M <- if (projection == "full") diag(NT) - Xt %*% solve(crossprod(Xt)) %*% t(Xt) else {
    # Elhorst's LMsarsem_panel: one projector per period, M_t = I - X_t (X_t'X_t)^-1 X_t'
    Mb <- matrix(0, NT, NT)
    for (tt in seq_len(TT)) { r <- (tt - 1) * N + seq_len(N); Xr <- Xt[r, , drop = FALSE]; Mb[r, r] <- diag(N) - Xr %*% solve(crossprod(Xr)) %*% t(Xr) }
    Mb
  }
  wxb <- as.vector(IW %*% Xt %*% b)
  J <- (as.numeric(t(wxb) %*% M %*% wxb) + TT * tw * s2) / s2
  lerr <- as.numeric(t(e) %*% IW %*% e) / s2; llag <- as.numeric(t(e) %*% IW %*% yt) / s2
  st <- c(lm_lag = llag^2 / J, lm_error = lerr^2 / (TT * tw),
          robust_lm_lag = (llag - lerr)^2 / (J - TT * tw),
          robust_lm_error = (lerr - TT * tw / J * llag)^2 / (TT * tw * (1 - TT * tw / J)))
  lapply(as.list(st), function(s) list(statistic = unname(s), df = 1, p = pchisq(unname(s), 1, lower.tail = FALSE)))
}
res <- list(source = "scripts/reference/spatial-panel-fe.R", r_version = R.version.string,
            spdep_version = as.character(packageVersion("spdep")), order = ids, fits = fits)
for (eff in c("individual", "time", "twoways")) {
  res[[paste0("lm_", eff)]] <- lm_tests(eff)
  res[[paste0("lm_full_", eff)]] <- lm_tests(eff, "full")
}

sdm <- keep$sdm_twoways; k <- length(sdm$beta); kx <- ncol(X)
theta <- sdm$beta[kx + 1:kx]; beta <- sdm$beta[1:kx]; rho <- sdm$rho
Vt <- sdm$V[kx + 1:kx, kx + 1:kx]
wald_sar <- as.numeric(t(theta) %*% solve(Vt) %*% theta)
g <- theta + rho * beta
G <- cbind(rho * diag(kx), diag(kx), beta)
wald_sem <- as.numeric(t(g) %*% solve(G %*% sdm$V[1:(k + 1), 1:(k + 1)] %*% t(G)) %*% g)
chi <- function(s, df) list(statistic = s, df = df, p = pchisq(s, df, lower.tail = FALSE))
res$lr_wald_twoways <- list(
  lr_sar = chi(2 * (sdm$logLik - keep$sar_twoways$logLik), kx), wald_sar = chi(wald_sar, kx),
  lr_sem = chi(2 * (sdm$logLik - fits$sem_twoways$logLik), kx), wald_sem = chi(wald_sem, kx))

region <- function(p, j) {
  S <- solve(diag(N) - p[k + 1] * W) %*% (p[j] * diag(N) + p[kx + j] * W)
  d <- diag(S); c(d, rowSums(S) - d, colSums(S) - d)
}
j <- 2  # log(pc)
pt <- region(c(sdm$beta, rho), j)
set.seed(1)
draws <- MASS::mvrnorm(20000, c(sdm$beta, rho), sdm$V[1:(k + 1), 1:(k + 1)])
sims <- t(apply(draws, 1, region, j = j))
sds <- apply(sims, 2, sd)
res$region_effects_sdm_twoways <- list(variable = "log_pc", draws = 20000,
  direct = pt[1:N], received = pt[N + 1:N], emitted = pt[2 * N + 1:N],
  direct_se = sds[1:N], received_se = sds[N + 1:N], emitted_se = sds[2 * N + 1:N])

write(toJSON(res, auto_unbox = TRUE, digits = NA, pretty = TRUE), out_file)
cat("wrote", out_file, "\n")
