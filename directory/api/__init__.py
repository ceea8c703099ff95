"""The directory's Open Referral HSDS 3.0 exchange: a read-only API, a CSV export and the import."""
