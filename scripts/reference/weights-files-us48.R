# GAL/GWT files written by spdep, the fixtures of tests/weights/io-spdep.test.ts (issue 8:
# files from GeoDa/spdep — integer ids, the id variable named in the header — read back exactly).
# Run from the repo root:  Rscript scripts/reference/weights-files-us48.R
# Writes into tests/fixtures/weights/:
#   us48-queen-spdep.gal      write.nb.gal(oldstyle = FALSE): header "0 48 us48 STATE_NAME",
#                             regions named by their record number in us48.shp (the sf row
#                             names, as GeoDa numbers records), listed in STATE_NAME order
#   us48-queen-spdep-old.gal  write.nb.gal(oldstyle = TRUE): header "48", positions 1..48 in
#                             STATE_NAME order
#   us48-knn4-spdep.gwt       write.sn2gwt(listw2sn(...)): knn k = 4 (longlat) weighted by
#                             nbdists in km, header "0 48 us48 STATE_NAME", positions 1..48
#                             in STATE_NAME order
#   us48-spdep-reference.json the same neighbour sets and weights by STATE_NAME (15 significant digits, jsonlite's most)
# Regenerate only on purpose.
suppressMessages({ library(sf); library(spdep); library(jsonlite) })
data_dir <- Sys.getenv("RWB_DATA", "assets/datasets")
out_dir <- "tests/fixtures/weights"
us <- st_read(file.path(data_dir, "us48/us48.shp"), quiet = TRUE)
us <- us[order(as.character(us$STATE_NAME), method = "radix"), ]
ids <- as.character(us$STATE_NAME)
n <- length(ids)
pos <- as.character(seq_len(n))
queen <- poly2nb(us, queen = TRUE)
attr(queen, "region.id") <- row.names(us) # record numbers in us48.shp, kept by the reordering
write.nb.gal(queen, file.path(out_dir, "us48-queen-spdep.gal"), oldstyle = FALSE, shpfile = "us48", ind = "STATE_NAME")
write.nb.gal(queen, file.path(out_dir, "us48-queen-spdep-old.gal"), oldstyle = TRUE)
xy <- st_coordinates(st_centroid(st_geometry(us)))
knn <- knn2nb(knearneigh(xy, k = 4, longlat = TRUE), row.names = pos)
d <- nbdists(knn, xy, longlat = TRUE)
lw <- nb2listw(knn, glist = d, style = "B")
write.sn2gwt(listw2sn(lw), file.path(out_dir, "us48-knn4-spdep.gwt"), shpfile = "us48", ind = "STATE_NAME")
by_name <- function(nb) setNames(lapply(seq_len(n), function(i) I(ids[nb[[i]][nb[[i]] > 0]])), ids)
write_json(list(
  source = "scripts/reference/weights-files-us48.R: spdep::poly2nb(us48, queen = TRUE); spdep::knn2nb(knearneigh(st_coordinates(st_centroid(us48)), k = 4, longlat = TRUE)) weighted by spdep::nbdists(longlat = TRUE) in km; us48 ordered by STATE_NAME",
  spdep_version = as.character(packageVersion("spdep")),
  ids = ids,
  queen = by_name(queen),
  knn4 = by_name(knn),
  knn4_km = setNames(lapply(seq_len(n), function(i) I(d[[i]])), ids)
), file.path(out_dir, "us48-spdep-reference.json"), auto_unbox = TRUE, digits = NA, pretty = TRUE)
