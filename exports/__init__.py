"""What leaves the app: the PDF pack, worksheets, calendar and email message. Never imports Qt."""
