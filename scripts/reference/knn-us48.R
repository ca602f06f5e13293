# Reference neighbour lists for the us48 shapefile, used by tests/weights/*.test.ts.
# Run from the repo root:  Rscript scripts/reference/knn-us48.R
# Writes tests/fixtures/us48/knn4.json (centroids + k=4 nearest neighbours) and
# tests/fixtures/us48/rook.json (rook contiguity). Regenerate only on purpose.
suppressMessages({ library(sf); library(spdep); library(jsonlite) })
data_dir <- Sys.getenv("RWB_DATA", "assets/datasets")
us <- st_read(file.path(data_dir, "us48/us48.shp"), quiet = TRUE)
us <- us[order(us$STATE_NAME), ]
ids <- as.character(us$STATE_NAME)
# The shapefile has no .prj: sf treats it as planar, so st_centroid is the GEOS
# area-weighted planar centroid of the lon/lat coordinates.
xy <- st_coordinates(st_centroid(st_geometry(us)))
knn <- knearneigh(xy, k = 4, longlat = TRUE)
nb_k <- knn2nb(knn)
to_lists <- function(nb) setNames(lapply(seq_along(nb), function(i) I(ids[sort(nb[[i]][nb[[i]] > 0])])), ids)
out_dir <- "tests/fixtures/us48"
write_json(list(
  source = "spdep::knn2nb(spdep::knearneigh(st_coordinates(st_centroid(us48)), k = 4, longlat = TRUE)), us48 ordered by STATE_NAME",
  spdep_version = as.character(packageVersion("spdep")),
  ids = ids,
  centroids = setNames(lapply(seq_len(nrow(xy)), function(i) unname(xy[i, ])), ids),
  neighbors = to_lists(nb_k)
), file.path(out_dir, "knn4.json"), auto_unbox = TRUE, digits = NA, pretty = TRUE)
rook <- poly2nb(us, queen = FALSE)
write_json(list(
  source = "spdep::poly2nb(us48, queen = FALSE), us48 ordered by STATE_NAME",
  spdep_version = as.character(packageVersion("spdep")),
  ids = ids,
  neighbors = to_lists(rook)
), file.path(out_dir, "rook.json"), auto_unbox = TRUE, digits = NA, pretty = TRUE)
# queen with order 2 (spdep::nblag), to check higher-order contiguity
q2 <- nblag(poly2nb(us, queen = TRUE), maxlag = 2)[[2]]
write_json(list(
  source = "spdep::nblag(spdep::poly2nb(us48, queen = TRUE), maxlag = 2)[[2]], us48 ordered by STATE_NAME",
  spdep_version = as.character(packageVersion("spdep")),
  ids = ids,
  neighbors = to_lists(q2)
), file.path(out_dir, "queen-order2.json"), auto_unbox = TRUE, digits = NA, pretty = TRUE)
