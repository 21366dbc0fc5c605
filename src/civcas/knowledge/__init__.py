"""Knowledge as data: per-language lexicons and the gazetteer, loaded from `civcas/data/`."""
