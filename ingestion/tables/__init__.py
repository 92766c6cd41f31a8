"""One parser per table family; each turns a located table into amount cells."""
