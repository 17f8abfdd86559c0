"""The funding app's pages, one module per area: invoices, budgets, the ledger."""
