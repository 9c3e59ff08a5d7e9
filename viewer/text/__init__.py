"""Text normalisation and segmentation: the one path used at build time and at query time."""
