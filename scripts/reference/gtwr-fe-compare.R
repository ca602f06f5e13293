# Reference values of the GTWR tab's FE comparison column (src/models/gwr/fe-compare.ts) on
# Produc: the two-way FE of log(gsp) ~ log(pcap) + log(pc) + log(emp) + unemp as plm's within
# estimator and as the equivalent dummy-variable lm, with the GWR diagnostics' conventions
# (tr S = K for a projection). Run from the repo root: Rscript scripts/reference/gtwr-fe-compare.R
# Prints the values that tests/models/gwr/fe-compare.test.ts quotes (R 4.2.2, plm 2.6).
suppressMessages(library(plm))
P <- read.csv("assets/datasets/produc.csv")
P <- P[order(P$state_name, P$year), ]
f <- log(gsp) ~ log(pcap) + log(pc) + log(emp) + unemp
m <- plm(f, data = P, index = c("state_name", "year"), model = "within", effect = "twoways")
lsdv <- lm(log(gsp) ~ log(pcap) + log(pc) + log(emp) + unemp + factor(state_name) + factor(year), data = P)
n <- nrow(P); K <- lsdv$rank; rss <- deviance(m)
yw <- log(P$gsp) - ave(log(P$gsp), P$state_name)
xb <- as.matrix(cbind(log(P$pcap), log(P$pc), log(P$emp), P$unemp)) %*% coef(m)
ols <- lm(f, data = P)
out <- c(
  rss_plm = rss, rss_lsdv = deviance(lsdv), K = K, df_resid = df.residual(lsdv),
  r2_lsdv = summary(lsdv)$r.squared, adj_r2_lsdv = summary(lsdv)$adj.r.squared,
  aic = n * log(rss / n) + n * log(2 * pi) + n + K,
  aicc = n * log(rss / n) + n * log(2 * pi) + n * (n + K) / (n - 2 - K),
  r2_within = 1 - rss / sum(yw^2), r2_overall = cor(log(P$gsp), xb)^2,
  ols_r2_within = 1 - deviance(ols) / sum(yw^2)
)
for (k in names(out)) cat(sprintf("%s %.15g\n", k, out[[k]]))
