# Reference palettes (ours; writes tests/fixtures/reference/palettes.json).
# Run from the repo root:  Rscript scripts/reference/palettes.R
# Needs R with RColorBrewer, viridisLite, jsonlite (Debian: r-cran-rcolorbrewer r-cran-viridislite).
# ColorBrewer (Cynthia Brewer, Mark Harrower, Penn State; Apache-2.0 licensed colour tables):
# RColorBrewer::brewer.pal(n, name) for n = 3..9 (Set2 and Dark2 stop at 8; the diverging ones go
# on to 11, whose arms the centred diverging classes use).
# Okabe-Ito: grDevices::palette.colors(palette = "Okabe-Ito") (Okabe & Ito 2008).
# viridis: viridisLite::viridis(n) for n = 3..9, alpha dropped.
suppressMessages({ library(RColorBrewer); library(viridisLite); library(jsonlite) })
out_file <- "tests/fixtures/reference/palettes.json"
names <- c("YlOrRd", "Blues", "Greens", "Purples", "Oranges", "YlGnBu", "RdBu", "BrBG", "PuOr", "PiYG", "Set2", "Dark2")
out <- list(source = paste0("RColorBrewer ", packageVersion("RColorBrewer"), ", viridisLite ", packageVersion("viridisLite")), palettes = list())
for (nm in names) {
  maxn <- brewer.pal.info[nm, "maxcolors"]
  per_n <- list()
  top <- if (brewer.pal.info[nm, "category"] == "div") 11 else min(9, maxn)
  for (n in 3:top) per_n[[as.character(n)]] <- tolower(brewer.pal(n, nm))
  out$palettes[[nm]] <- per_n
}
per_n <- list()
for (n in 3:9) per_n[[as.character(n)]] <- tolower(substr(viridis(n), 1, 7))
out$palettes[["viridis"]] <- per_n
out$palettes[["Okabe-Ito"]] <- tolower(unname(grDevices::palette.colors(palette = "Okabe-Ito")))
writeLines(toJSON(out, auto_unbox = TRUE, pretty = TRUE), out_file)
cat("wrote", out_file, "\n")
