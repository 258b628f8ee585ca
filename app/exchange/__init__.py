"""Spreadsheets in and out: task inventories from 業務量調査 workbooks or CSV, and exports to .xlsx / .csv."""
