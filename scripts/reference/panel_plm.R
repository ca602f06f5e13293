# Reference values for the panel estimators (src/models/panel) on Munnell's produc data.
# Run from the repo root:  Rscript scripts/reference/panel_plm.R
# Writes tests/fixtures/plm/produc_panel.json. Every value names the R call that produced it.
suppressMessages({ library(plm); library(jsonlite) })

P <- read.csv(file.path(Sys.getenv("RWB_DATA", "assets/datasets"), "produc.csv"))
P <- P[order(P$state_name, P$year), ]
f <- log(gsp) ~ log(pcap) + log(pc) + log(emp) + unemp
xnames <- c("log(pcap)", "log(pc)", "log(emp)", "unemp")
dklag <- floor(4 * (length(unique(P$year)) / 100)^(2 / 9))   # Newey-West rule = 2 for T = 17

se <- function(V) unname(sqrt(diag(V)))
co <- function(m) unname(coef(m))

# Stata's xtreg, fe vce(cluster id): V = A^-1 (sum_g s_g s_g') A^-1 * G/(G-1) * (N-1)/(N-K),
# on the within-transformed design; K = slopes + 1 (constant) for one-way, slopes + (T-1) + 1
# when time dummies are explicit regressors (xtreg y x i.year, fe).
stata_cluster <- function(Xw, e, g, K) {
  A <- solve(crossprod(Xw)); G <- length(unique(g)); n <- length(e)
  meat <- 0
  for (gg in unique(g)) { s <- crossprod(Xw[g == gg, , drop = FALSE], e[g == gg]); meat <- meat + s %*% t(s) }
  A %*% meat %*% A * (G / (G - 1)) * ((n - 1) / (n - K))
}
# Two-way FE the way xtreg y x i.year, fe does it: year dummies explicit, individual demeaning.
xtreg_twoway <- function(d) {
  y <- log(d$gsp); X <- cbind(log(d$pcap), log(d$pc), log(d$emp), d$unemp)
  D <- model.matrix(~ factor(d$year))[, -1, drop = FALSE]
  Xd <- cbind(X, D); id <- d$state_name
  Xdw <- apply(Xd, 2, function(v) v - ave(v, id)); yw <- y - ave(y, id)
  b <- qr.solve(Xdw, yw); e <- yw - Xdw %*% b
  V <- stata_cluster(Xdw, e, id, ncol(Xd) + 1)
  k <- ncol(X)
  list(beta = unname(b[1:k]), se_cluster_stata = se(V)[1:k],
       r2_within_stata = 1 - sum(e^2) / sum(yw^2),
       r2_overall = as.numeric(cor(y, X %*% b[1:k]))^2)
}

pd <- pdata.frame(P, index = c("state_name", "year"))
res <- list(data = "produc.csv sorted by state_name, year; y = log(gsp)", names = xnames, dk_lag = dklag)

# ---- pooled OLS --------------------------------------------------------------------------
m <- plm(f, pd, model = "pooling")
res$pooled <- list(call = 'plm(f, model="pooling")', names = c("(Intercept)", xnames), beta = co(m),
  se_classical = se(vcov(m)),
  se_hc1 = se(vcovHC(m, method = "white1", type = "HC1")),
  r2 = unname(r.squared(m)), rss = sum(residuals(m)^2), df_resid = df.residual(m))

# ---- individual FE -----------------------------------------------------------------------
m <- plm(f, pd, model = "within", effect = "individual")
Xw <- model.matrix(m); e <- as.numeric(residuals(m))
fs <- summary(m)$fstatistic
res$fe_individual <- list(call = 'plm(f, model="within", effect="individual")', beta = co(m),
  se_classical = se(vcov(m)),
  se_hc1 = se(vcovHC(m, method = "white1", type = "HC1")),
  se_cluster_stata = se(stata_cluster(Xw, e, as.character(index(m)[[1]]), ncol(Xw) + 1)),
  se_dk = se(vcovSCC(m, type = "HC0", maxlag = dklag)),
  r2_within = unname(r.squared(m)), rss = sum(e^2), df_resid = df.residual(m),
  f_statistic = unname(fs$statistic), f_df = unname(fs$parameter),
  r2_overall = as.numeric(cor(log(P$gsp), as.matrix(cbind(log(P$pcap), log(P$pc), log(P$emp), P$unemp)) %*% co(m)))^2)

# ---- time FE -----------------------------------------------------------------------------
m <- plm(f, pd, model = "within", effect = "time")
res$fe_time <- list(call = 'plm(f, model="within", effect="time")', beta = co(m),
  se_classical = se(vcov(m)), r2_within = unname(r.squared(m)), df_resid = df.residual(m))

# ---- two-way FE, balanced ----------------------------------------------------------------
m <- plm(f, pd, model = "within", effect = "twoways")
fs <- summary(m)$fstatistic
res$fe_twoways <- c(list(call = 'plm(f, model="within", effect="twoways")', beta = co(m),
  se_classical = se(vcov(m)),
  se_hc1 = se(vcovHC(m, method = "white1", type = "HC1")),
  se_dk = se(vcovSCC(m, type = "HC0", maxlag = dklag)),
  r2_within_plm = unname(r.squared(m)), df_resid = df.residual(m),
  f_statistic = unname(fs$statistic), f_df = unname(fs$parameter)),
  xtreg = list(xtreg_twoway(P)))

# ---- random effects (Swamy-Arora) and Hausman --------------------------------------------
re <- plm(f, pd, model = "random", random.method = "swar")
fe <- plm(f, pd, model = "within")
ec <- ercomp(re)
h <- phtest(fe, re)
res$re_swar <- list(call = 'plm(f, model="random", random.method="swar")', names = c("(Intercept)", xnames),
  beta = co(re), se_classical = se(vcov(re)), theta = unname(ec$theta),
  sigma2_idios = unname(ec$sigma2[1]), sigma2_individual = unname(ec$sigma2[2]),
  r2 = unname(r.squared(re)))
res$hausman <- list(call = "phtest(plm(f, model='within'), plm(f, model='random'))",
  statistic = unname(h$statistic), df = unname(h$parameter), p = unname(h$p.value))

# ---- unbalanced two-way FE: drop rows whose 0-based index r has r %% 13 == 7 -------------
U <- P[(seq_len(nrow(P)) - 1) %% 13 != 7, ]
pu <- pdata.frame(U, index = c("state_name", "year"))
m <- plm(f, pu, model = "within", effect = "twoways")
res$fe_twoways_unbalanced <- c(list(call = 'plm(f, U, model="within", effect="twoways"), U = rows r %% 13 != 7 dropped',
  n_obs = nrow(U), beta = co(m), se_classical = se(vcov(m)),
  se_hc1 = se(vcovHC(m, method = "white1", type = "HC1")),
  se_dk = se(vcovSCC(m, type = "HC0", maxlag = dklag)),
  r2_within_plm = unname(r.squared(m)), df_resid = df.residual(m)),
  xtreg = list(xtreg_twoway(U)))
m <- plm(f, pu, model = "within", effect = "individual")
res$fe_individual_unbalanced <- list(call = 'plm(f, U, model="within", effect="individual")',
  beta = co(m), se_classical = se(vcov(m)), r2_within = unname(r.squared(m)))
re <- plm(f, pu, model = "random", random.method = "swar")
ec <- ercomp(re)
res$re_swar_unbalanced <- list(call = 'plm(f, U, model="random", random.method="swar")',
  beta = co(re), se_classical = se(vcov(re)),
  sigma2_idios = unname(ec$sigma2[1]), sigma2_individual = unname(ec$sigma2[2]))

write(toJSON(res, auto_unbox = TRUE, digits = NA, pretty = TRUE), "tests/fixtures/plm/produc_panel.json")
