# Reference values for the composite-index module (ours; regenerates
# tests/fixtures/reference/composite_reference.json). Run from the repo root:
#   Rscript scripts/reference/composite-reference.R
# Needs R with jsonlite. Input: assets/datasets/produc.csv (Munnell's Produc, file row order).
# Regenerate only on purpose and review the diff.
#
# Every method is written out from its textbook formula in base R (no package computes the
# Chinese-practice variants), independently of the TypeScript code:
#   table      the fixed indicator table: Produc 1970-1974, 48 states (240 rows), indicators
#              +gsp/emp, -unemp (dimension "economy"), +pcap/emp, +hwy/pcap, -water/pcap
#              (dimension "infrastructure")
#   minmax, zscore, vector                normalised columns (pooled), zscore via scale()
#   entropy, critic, cv, pca_first, pca_variance, g1, g1_sd, combined_mult, combined_lin
#                                         weights on the pooled min-max columns
#   kmo, bartlett                         KMO (as psych::KMO) and Bartlett (psych::cortest.bartlett) by hand
#   topsis_entropy, sum_entropy           index values (pooled ideal)
#   topsis_entropy_year                   min-max and ideal within each year
#   two_level                             entropy within dimensions, dimension weights 0.6 / 0.4, weighted sum
#   obstacle                              obstacle degree of each indicator, entropy weights
#   coupling2, coupling3                  C, T, D of (x'1, x'3) and (x'1, x'3, x'2)
#   spearman                              cor(method = "spearman") of entropy-TOPSIS, CRITIC-TOPSIS, equal-sum
#   shock_relative                        gsp, base 1970, reference = sum of gsp over states
#   martin                                emp, 1979 -> 1982 -> 1986, reference = sum of emp
#   cli                                   the issue's command on the whole panel: +gsp/emp -unemp +pcap/emp,
#                                         min-max pooled, entropy, TOPSIS
suppressMessages(library(jsonlite))

data_dir <- Sys.getenv("RWB_DATA", "assets/datasets")
out_file <- "tests/fixtures/reference/composite_reference.json"
P <- read.csv(file.path(data_dir, "produc.csv"))

minmax <- function(x, dir) if (dir == "+") (x - min(x)) / (max(x) - min(x)) else (max(x) - x) / (max(x) - min(x))
zsc <- function(x, dir) { z <- as.numeric(scale(x)); if (dir == "+") z else -z }
vect <- function(x, dir) { v <- x / sqrt(sum(x^2)); if (dir == "+") v else 1 - v }
entropy_w <- function(X) {
  n <- nrow(X)
  e <- apply(X, 2, function(x) { p <- x / sum(x); -sum(ifelse(p > 0, p * log(p), 0)) / log(n) })
  g <- 1 - e
  list(w = g / sum(g), e = e)
}
critic_w <- function(X) { R <- cor(X); C <- apply(X, 2, sd) * colSums(1 - R); C / sum(C) }
cv_w <- function(X) { v <- apply(X, 2, sd) / colMeans(X); v / sum(v) }
pca_parts <- function(X) {
  R <- cor(X); ev <- eigen(R, symmetric = TRUE)
  V <- ev$vectors
  for (k in seq_len(ncol(V))) if (sum(V[, k]) < 0) V[, k] <- -V[, k]
  list(values = ev$values, vectors = V, R = R)
}
pca_w <- function(X, mode) {
  p <- pca_parts(X)
  q <- if (mode == "first") 1 else max(1, sum(p$values > 1))
  lam <- p$values[1:q]
  s <- as.numeric(p$vectors[, 1:q, drop = FALSE] %*% (lam / sum(lam)))
  list(w = abs(s) / sum(abs(s)), retained = q)
}
kmo <- function(X) {
  R <- cor(X); Ri <- solve(R)
  A <- -Ri / sqrt(outer(diag(Ri), diag(Ri)))
  diag(R) <- 0; diag(A) <- 0
  sum(R^2) / (sum(R^2) + sum(A^2))
}
bartlett <- function(X) {
  n <- nrow(X); m <- ncol(X)
  chisq <- -(n - 1 - (2 * m + 5) / 6) * log(det(cor(X)))
  df <- m * (m - 1) / 2
  list(chisq = chisq, df = df, p = pchisq(chisq, df, lower.tail = FALSE))
}
g1_from_ratios <- function(r) {           # r = r_2..r_m, positions in importance order
  m <- length(r) + 1
  s <- sum(sapply(2:m, function(k) prod(r[(k - 1):(m - 1)])))
  w <- numeric(m); w[m] <- 1 / (1 + s)
  for (k in m:2) w[k - 1] <- r[k - 1] * w[k]
  w
}
g1_w <- function(names, order, r) { w <- g1_from_ratios(r); out <- setNames(numeric(length(names)), names); out[order] <- w; unname(out) }
sdg1_w <- function(X, names, order) {
  s <- apply(X[, order, drop = FALSE], 2, sd)
  r <- s[-length(s)] / s[-1]
  g1_w(names, order, r)
}
topsis <- function(X, w, group = rep(1, nrow(X))) {
  V <- sweep(X, 2, w, `*`)
  dp <- dm <- numeric(nrow(X))
  for (g in unique(group)) {
    i <- group == g
    hi <- apply(V[i, , drop = FALSE], 2, max); lo <- apply(V[i, , drop = FALSE], 2, min)
    dp[i] <- sqrt(rowSums(sweep(V[i, , drop = FALSE], 2, hi)^2))
    dm[i] <- sqrt(rowSums(sweep(V[i, , drop = FALSE], 2, lo)^2))
  }
  dm / (dp + dm)
}
coupling <- function(U, alpha = rep(1 / ncol(U), ncol(U))) {
  k <- ncol(U)
  C <- k * (apply(U, 1, prod) / rowSums(U)^k)^(1 / k)
  T <- as.numeric(U %*% alpha)
  list(C = C, T = T, D = sqrt(C * T))
}

# ---- the fixed indicator table ----
S <- P[P$year <= 1974, ]
ind <- data.frame(
  `gsp/emp` = S$gsp / S$emp, unemp = S$unemp, `pcap/emp` = S$pcap / S$emp,
  `hwy/pcap` = S$hwy / S$pcap, `water/pcap` = S$water / S$pcap, check.names = FALSE)
dirs <- c("+", "-", "+", "+", "-")
dims <- c("economy", "economy", "infrastructure", "infrastructure", "infrastructure")
nm <- names(ind)
X <- sapply(seq_along(nm), function(j) minmax(ind[[j]], dirs[j])); colnames(X) <- nm
Z <- sapply(seq_along(nm), function(j) zsc(ind[[j]], dirs[j]))
Vn <- sapply(seq_along(nm), function(j) vect(ind[[j]], dirs[j]))
Xy <- X
for (y in unique(S$year)) { i <- S$year == y; Xy[i, ] <- sapply(seq_along(nm), function(j) minmax(ind[[j]][i], dirs[j])) }

ent <- entropy_w(X)
g1_order <- c("unemp", "gsp/emp", "hwy/pcap", "pcap/emp", "water/pcap")
g1_ratios <- c(1.2, 1.4, 1.0, 1.6)
wg1 <- g1_w(nm, g1_order, g1_ratios)
wsd <- sdg1_w(X, nm, g1_order)
pv <- pca_w(X, "variance")
crit <- critic_w(X)

# two-level: entropy within each dimension, dimension weights 0.6 / 0.4
dimw <- c(economy = 0.6, infrastructure = 0.4)
local <- numeric(length(nm))
for (d in names(dimw)) { j <- which(dims == d); local[j] <- entropy_w(X[, j, drop = FALSE])$w }
overall <- local * dimw[dims]

# obstacle degree (entropy weights)
Dev <- sweep(1 - X, 2, ent$w, `*`)
Obs <- Dev / rowSums(Dev)

idx_ent_topsis <- topsis(X, ent$w)
idx_crit_topsis <- topsis(X, crit)
idx_equal_sum <- as.numeric(X %*% rep(1 / 5, 5))

# shock measures
ref_gsp <- tapply(P$gsp, P$year, sum)
base <- setNames(P$gsp[P$year == 1970], P$state_name[P$year == 1970])
RE <- (P$gsp - base[P$state_name]) / base[P$state_name]
GR <- (ref_gsp[as.character(P$year)] - ref_gsp["1970"]) / ref_gsp["1970"]
RES <- ifelse(GR != 0, (RE - GR) / abs(GR), NA)
ref_emp <- tapply(P$emp, P$year, sum)
emp_at <- function(y) setNames(P$emp[P$year == y], P$state_name[P$year == y])
gN <- function(a, b) (ref_emp[as.character(b)] - ref_emp[as.character(a)]) / ref_emp[as.character(a)]
e79 <- emp_at(1979); e82 <- emp_at(1982); e86 <- emp_at(1986)
st <- sort(names(e79))
martin <- data.frame(id = st,
  resistance = as.numeric(((e82[st] - e79[st]) / e79[st]) / gN(1979, 1982)),
  recovery = as.numeric(((e86[st] - e82[st]) / e82[st]) / gN(1982, 1986)))

# the CLI command of the issue on the whole panel
cli_ind <- list(`gsp/emp` = P$gsp / P$emp, unemp = P$unemp, `pcap/emp` = P$pcap / P$emp)
cli_dirs <- c("+", "-", "+")
XC <- sapply(seq_along(cli_ind), function(j) minmax(cli_ind[[j]], cli_dirs[j]))
cli_w <- entropy_w(XC)$w
cli_v <- topsis(XC, cli_w)

c2 <- coupling(X[, c(1, 3)]); c3 <- coupling(X[, c(1, 3, 2)])
res <- list(
  source = "scripts/reference/composite-reference.R",
  r_version = R.version.string,
  table = list(rows = nrow(S), id = S$state_name, year = S$year, indicators = nm, directions = dirs, dimensions = dims),
  minmax = lapply(seq_along(nm), function(j) X[, j]),
  zscore = lapply(seq_along(nm), function(j) Z[, j]),
  vector = lapply(seq_along(nm), function(j) Vn[, j]),
  entropy = list(weights = ent$w, e = ent$e),
  critic = crit,
  cv = cv_w(X),
  pca_first = pca_w(X, "first")$w,
  pca_variance = list(weights = pv$w, retained = pv$retained, eigenvalues = pca_parts(X)$values),
  kmo = kmo(X),
  bartlett = bartlett(X),
  g1 = list(order = g1_order, ratios = g1_ratios, weights = wg1),
  g1_sd = list(order = g1_order, weights = wsd),
  combined_mult = { w <- wg1 * ent$w; w / sum(w) },
  combined_lin = list(alpha = 0.4, weights = 0.4 * wg1 + 0.6 * ent$w),
  topsis_entropy = idx_ent_topsis,
  sum_entropy = as.numeric(X %*% ent$w),
  topsis_entropy_year = list(weights = entropy_w(Xy)$w, values = topsis(Xy, entropy_w(Xy)$w, S$year)),
  two_level = list(dimension_weights = as.list(dimw), local = local, overall = as.numeric(overall), values = as.numeric(X %*% overall)),
  obstacle = lapply(seq_along(nm), function(j) Obs[, j]),
  coupling2 = c2, coupling3 = c3,
  spearman = list(labels = c("entropy-topsis", "critic-topsis", "equal-sum"),
                  rho = unname(cor(cbind(idx_ent_topsis, idx_crit_topsis, idx_equal_sum), method = "spearman"))),
  shock_relative = list(variable = "gsp", base = 1970, id = P$state_name, year = P$year, re = RE, gr = as.numeric(GR), resilience = as.numeric(RES)),
  martin = list(variable = "emp", start = 1979, trough = 1982, end = 1986, id = martin$id, resistance = martin$resistance, recovery = martin$recovery),
  cli = list(indicators = c("+gsp/emp", "-unemp", "+pcap/emp"), weights = setNames(as.list(cli_w), names(cli_ind)),
             id = P$state_name, year = P$year, values = cli_v)
)
writeLines(toJSON(res, digits = NA, auto_unbox = TRUE, na = "null"), out_file)
cat("wrote", out_file, "\n")
