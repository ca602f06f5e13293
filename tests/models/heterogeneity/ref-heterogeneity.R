# Reference values for tests/models/heterogeneity (run from the repo root: Rscript tests/models/heterogeneity/ref-heterogeneity.R).
# Produc (assets/datasets/produc.csv), y = log(gsp), x = log(pcap), log(pc), log(emp), unemp.
# Groups: median split of unemp by STATE MEANS (High: state mean > median of the 48 means).
suppressMessages({library(plm); library(jsonlite)})
d <- read.csv("assets/datasets/produc.csv")
d <- d[order(d$state_name, d$year), ]
d$ly <- log(d$gsp); d$lpcap <- log(d$pcap); d$lpc <- log(d$pc); d$lemp <- log(d$emp)
mu <- tapply(d$unemp, d$state_name, mean); med <- median(mu)
d$grp <- ifelse(mu[d$state_name] > med, "High", "Low")
f <- ly ~ lpcap + lpc + lemp + unemp
out <- list(median_state_mean_unemp = unname(med), n_high_states = sum(mu > med))
for (g in c("High", "Low")) {
  m <- plm(f, data = d[d$grp == g, ], index = c("state_name", "year"), model = "within", effect = "twoways")
  out[[paste0("fe2_", g)]] <- list(call = "plm(within, twoways) on the group", beta = unname(coef(m)),
    se_classical = unname(sqrt(diag(vcov(m)))), n = nobs(m))
}
# Chow by interactions, classical SEs, two-way FE (D = High absorbed by state FE)
d$D <- as.numeric(d$grp == "High")
for (v in c("lpcap", "lpc", "lemp", "unemp")) d[[paste0("D_", v)]] <- d$D * d[[v]]
fi <- ly ~ lpcap + lpc + lemp + unemp + D_lpcap + D_lpc + D_lemp + D_unemp
mi <- plm(fi, data = d, index = c("state_name", "year"), model = "within", effect = "twoways")
wald <- function(b, V, idx, df2) { q <- length(idx); Fs <- as.numeric(t(b[idx]) %*% solve(V[idx, idx], b[idx])) / q
  list(F = Fs, df1 = q, df2 = df2, p = pf(Fs, q, df2, lower.tail = FALSE), diff = unname(b[idx]), se = unname(sqrt(diag(V)[idx]))) }
out$chow_fe2_classical <- c(call = "plm(within, twoways) with D*x, Wald F on D*x, df2 = df.residual", wald(coef(mi), vcov(mi), 5:8, df.residual(mi)))
# Same with Stata-style cluster SEs (xtreg y x D*x i.year, fe vce(cluster state); testparm -> F(q, G-1))
id <- d$state_name; tt <- factor(d$year)
X <- as.matrix(d[, c("lpcap", "lpc", "lemp", "unemp", "D_lpcap", "D_lpc", "D_lemp", "D_unemp")])
Dm <- model.matrix(~ tt)[, -1, drop = FALSE]
Xd <- cbind(X, Dm); Xdw <- apply(Xd, 2, function(v) v - ave(v, id)); ydw <- d$ly - ave(d$ly, id)
b <- qr.solve(Xdw, ydw); e <- ydw - Xdw %*% b; XtXi <- solve(crossprod(Xdw))
G <- length(unique(id)); n <- nrow(d); K <- ncol(Xd) + 1
meat <- 0; for (g in unique(id)) { s <- crossprod(Xdw[id == g, , drop = FALSE], e[id == g]); meat <- meat + s %*% t(s) }
V <- XtXi %*% meat %*% XtXi * (G / (G - 1)) * ((n - 1) / (n - K))
out$chow_fe2_cluster <- c(call = "xtreg-style cluster V (G/(G-1)(N-1)/(N-K), K incl. year dummies + constant), F(q, G-1)", wald(b, V, 5:8, G - 1))
# Pooled-observation median split (D varies within states), one-way FE: D enters by itself
medp <- median(d$unemp); d$Dp <- as.numeric(d$unemp > medp)
for (v in c("lpcap", "lpc", "lemp")) d[[paste0("Dp_", v)]] <- d$Dp * d[[v]]
mp <- plm(ly ~ lpcap + lpc + lemp + Dp + Dp_lpcap + Dp_lpc + Dp_lemp, data = d, index = c("state_name", "year"), model = "within", effect = "individual")
out$chow_fe1_pooled_split <- c(call = "plm(within, individual) ly ~ x + Dp + Dp*x (x = log pcap, pc, emp), Dp = unemp > pooled median", median = medp, n_high = sum(d$Dp), wald(coef(mp), vcov(mp), 5:7, df.residual(mp)))
write(toJSON(out, auto_unbox = TRUE, digits = NA, pretty = TRUE), "tests/models/heterogeneity/ref-heterogeneity.json")
