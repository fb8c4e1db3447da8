ml-100k/allbut.pl#!/usr/local/bin/perl
