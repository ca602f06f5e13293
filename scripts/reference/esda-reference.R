# Reference values for the ESDA engine (src/esda) beyond produc_reference.json's Moran blocks.
# Ours; writes tests/fixtures/reference/esda_reference.json. Run from the repository root:
#   Rscript scripts/reference/esda-reference.R
# Needs R with sf, spdep (>= 1.2), jsonlite (Debian: r-cran-sf r-cran-spdep r-cran-jsonlite).
# Inputs: the repository's assets/datasets/ (us48 + Produc; Mexico's 32 states).
#
# Blocks (each names the R call):
#   us48_1986            Produc log(gsp) 1986 on us48 queen W (poly2nb, row-standardised, STATE_NAME order):
#     geary_rand/norm      spdep::geary.test(x, lw, randomisation = TRUE/FALSE)
#     globalG              spdep::globalG.test(gsp 1986 / 1000, nb2listw(nb, style = "B"))
#     localmoran_total     spdep::localmoran(x, lw, conditional = FALSE)  (Ii, E, Var, Z)
#     localG               spdep::localG(x, nb2listw(nb, "B"))            (Gi z-values)
#     localGstar           spdep::localG(x, nb2listw(include.self(nb), "B"))  (Gi* z-values)
#     localGstar_W         spdep::localG(x, nb2listw(include.self(nb), "W"))
#     bivariate            spdep::moran_bv(log(gsp) 1986, log(pcap) 1986, lw, nsim = 9)'s I (= GeoDa's)
#     localmoran_bv_Ii     spdep::localmoran_bv(x, y, lw, nsim = 99)$Ibvi (the statistic only; p differs by RNG)
#     fdr_unemp            Benjamini–Hochberg cut-off at 0.1 of localmoran(unemp 1986)'s two-sided p (conditional):
#                          max p_(k) with p_(k) <= k * 0.1 / n, the count significant (= p.adjust("BH") <= 0.1); Bonferroni 0.1/n
#   produc_fe_residuals_moran  Moran's I per year of the residuals of
#                        plm(log(gsp) ~ log(pcap) + log(pc) + log(emp) + unemp, effect = "twoways",
#                        model = "within") on Produc, queen W as above: moran.test(randomisation = TRUE/FALSE)
#   mexico               Mexico's 32 states, queen W row-standardised (poly2nb on mexicojoin), PCGDP1940:
#     moran_rand/norm, geary_rand, localmoran (Ii, E, Var, Z)
suppressMessages({ library(sf); library(spdep); library(jsonlite) })
data_dir <- "assets/datasets"
out_file <- "tests/fixtures/reference/esda_reference.json"

us <- st_read(file.path(data_dir, "us48/us48.shp"), quiet = TRUE)
us <- us[order(us$STATE_NAME), ]
ids <- as.character(us$STATE_NAME)
nb <- poly2nb(us, queen = TRUE)
lw <- nb2listw(nb, style = "W")
lwB <- nb2listw(nb, style = "B")
P <- read.csv(file.path(data_dir, "produc.csv"))
P <- P[order(P$year, match(P$state_name, ids)), ]
p86 <- P[P$year == 1986, ]
stopifnot(identical(as.character(p86$state_name), ids))
x <- log(p86$gsp)
y <- log(p86$pcap)

g <- function(t) list(C = unname(t$estimate[1]), EC = unname(t$estimate[2]), VC = unname(t$estimate[3]), z = unname(t$statistic), p = unname(t$p.value))
gr <- geary.test(x, lw, randomisation = TRUE)
gn <- geary.test(x, lw, randomisation = FALSE)
G <- globalG.test(p86$gsp / 1000, lwB)
lmT <- localmoran(x, lw, conditional = FALSE)
lmC <- localmoran(x, lw, conditional = TRUE, alternative = "two.sided")
lg <- localG(x, lwB)
lgs <- localG(x, nb2listw(include.self(nb), style = "B"))
lgsW <- localG(x, nb2listw(include.self(nb), style = "W"))
set.seed(1)
bv <- moran_bv(x, y, lw, nsim = 9)
set.seed(1)
lbv <- localmoran_bv(x, y, lw, nsim = 99)
lmU <- localmoran(p86$unemp, lw, conditional = TRUE, alternative = "two.sided")
pc <- sort(lmU[, 5])
n <- length(pc)
ok <- which(pc <= seq_len(n) * 0.1 / n)
fdr <- if (length(ok)) pc[max(ok)] else 0
stopifnot(sum(lmU[, 5] <= fdr) == sum(p.adjust(lmU[, 5], "BH") <= 0.1))

res <- list(
  source = "scripts/reference/esda-reference.R",
  r_version = R.version.string,
  spdep_version = as.character(packageVersion("spdep")),
  us48_1986 = list(
    order = ids,
    geary_rand = g(gr), geary_norm = g(gn),
    globalG = list(G = unname(G$estimate[1]), EG = unname(G$estimate[2]), VG = unname(G$estimate[3]), z = unname(G$statistic)[1]),
    localmoran_total = list(Ii = unname(lmT[, 1]), E = unname(lmT[, 2]), Var = unname(lmT[, 3]), Z = unname(lmT[, 4])),
    localmoran_cond_p2 = unname(lmC[, 5]),
    localG = as.numeric(lg), localGstar = as.numeric(lgs), localGstar_W = as.numeric(lgsW),
    bivariate = unname(bv$t0),
    localmoran_bv_Ii = unname(as.numeric(lbv[, 1])),
    fdr_unemp = list(alpha = 0.1, p = unname(lmU[, 5]), cutoff = unname(fdr), significant = sum(lmU[, 5] <= fdr), bonferroni = 0.1 / n)
  )
)

suppressMessages(library(plm))
pp <- pdata.frame(P, index = c("state_name", "year"))
fe <- plm(log(gsp) ~ log(pcap) + log(pc) + log(emp) + unemp, data = pp, effect = "twoways", model = "within")
e <- residuals(fe)
ex <- attr(e, "index")
res$produc_fe_residuals_moran <- lapply(sort(unique(P$year)), function(yr) {
  sel <- ex$year == yr
  v <- as.numeric(e[sel])[match(ids, as.character(ex$state_name[sel]))]
  r <- moran.test(v, lw, randomisation = TRUE)
  n <- moran.test(v, lw, randomisation = FALSE)
  list(year = yr, I = unname(r$estimate[1]), EI = unname(r$estimate[2]), VI_rand = unname(r$estimate[3]),
       z_rand = unname(r$statistic), VI_norm = unname(n$estimate[3]), z_norm = unname(n$statistic))
})

mx <- st_read(file.path(data_dir, "mexico/mexicojoin.shp"), quiet = TRUE)
mnb <- poly2nb(mx, queen = TRUE)
mlw <- nb2listw(mnb, style = "W")
mv <- mx$PCGDP1940
mr <- moran.test(mv, mlw, randomisation = TRUE)
mn <- moran.test(mv, mlw, randomisation = FALSE)
mg <- geary.test(mv, mlw)
ml <- localmoran(mv, mlw)
res$mexico <- list(
  order = as.character(mx$NAME),
  variable = "PCGDP1940",
  moran_rand = list(I = unname(mr$estimate[1]), EI = unname(mr$estimate[2]), VI = unname(mr$estimate[3]), z = unname(mr$statistic)),
  moran_norm = list(VI = unname(mn$estimate[3]), z = unname(mn$statistic)),
  geary_rand = g(mg),
  localmoran = list(Ii = unname(ml[, 1]), E = unname(ml[, 2]), Var = unname(ml[, 3]), Z = unname(ml[, 4]))
)
writeLines(toJSON(res, digits = NA, auto_unbox = TRUE, pretty = TRUE), out_file)
cat("wrote", out_file, "\n")
