# Reads a .gal and a .gwt written by the workbench with spdep, as a user of R would, and prints
# their neighbour sets and weights by region name as JSON (tests/weights/io-spdep.test.ts).
# Usage: Rscript scripts/reference/read-weights-files.R FILE.gal FILE.gwt IDS.txt
# IDS.txt: the region ids one per line, in the order of the file's positions 1..n.
# Warnings of read.gal / read.gwt2nb are returned in "warnings" (a misparse shows up there,
# e.g. "Maine are not destinations").
suppressMessages({ library(spdep); library(jsonlite) })
args <- commandArgs(trailingOnly = TRUE)
ids <- readLines(args[3], encoding = "UTF-8")
warns <- character(0)
keep <- function(expr) withCallingHandlers(expr, warning = function(w) {
  warns <<- c(warns, conditionMessage(w)); invokeRestart("muffleWarning")
})
gal <- keep(read.gal(args[1]))
gwt <- keep(read.gwt2nb(args[2]))
stopifnot(length(gal) == length(ids), length(gwt) == length(ids))
by_name <- function(nb) setNames(lapply(seq_along(nb), function(i) I(ids[nb[[i]][nb[[i]] > 0]])), ids)
dist <- attr(gwt, "GeoDa")$dist
cat(toJSON(list(
  gal = by_name(gal),
  gwt = by_name(gwt),
  # as text with 17 significant digits: the exact doubles read.table parsed (toJSON prints 15)
  gwt_weights = setNames(lapply(seq_along(gwt), function(i) I(if (gwt[[i]][1] == 0) character(0) else sprintf("%.17g", dist[[i]]))), ids),
  gal_header = attr(gal, "GeoDa"),
  warnings = I(warns)
), auto_unbox = TRUE))
