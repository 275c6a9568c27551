-- SPDX-License-Identifier: BSD-3-Clause
-- The workload of test/cases/sqlite.sh: run by the kit's sqlite3 and by
-- the host's on a fresh database file, outputs compared line by line.
-- Everything is deterministic (no random(), no time): the rows come from
-- a linear congruential sequence computed in SQL.
.bail on
.headers off
.mode list
SELECT 'oracle: begin';
PRAGMA page_size = 4096;
PRAGMA journal_mode = DELETE;

-- Schema: customers, products, orders referencing both.
CREATE TABLE customer (
	id INTEGER PRIMARY KEY,
	name TEXT NOT NULL,
	city TEXT NOT NULL,
	since INTEGER NOT NULL
);
CREATE TABLE product (
	id INTEGER PRIMARY KEY,
	label TEXT NOT NULL UNIQUE,
	price REAL NOT NULL CHECK (price > 0)
);
CREATE TABLE orders (
	id INTEGER PRIMARY KEY,
	customer INTEGER NOT NULL REFERENCES customer(id),
	product INTEGER NOT NULL REFERENCES product(id),
	qty INTEGER NOT NULL,
	note TEXT
);

-- The inserts are single INSERT statements, as an application issues
-- them: SQL writes them into tmp/*.sql (.output) and the shell reads
-- them back (.read). The rows come from a sequence of 100,000 numbers.
CREATE TABLE seq(k INTEGER PRIMARY KEY, v INTEGER);
WITH RECURSIVE s(i, x) AS (
	SELECT 1, 12345
	UNION ALL
	SELECT i + 1, (x * 1103515245 + 12345) % 2147483648 FROM s WHERE i < 100000
)
INSERT INTO seq SELECT i, x FROM s;
SELECT 'seq', count(*), sum(v) % 1000000007 FROM seq;

-- 1,000 customers and 200 products in one transaction.
.output tmp/people.sql
SELECT 'BEGIN;';
SELECT printf('INSERT INTO customer(id, name, city, since) VALUES(%d, %Q, %Q, %d);',
	k, 'customer ' || k, char(65 + v % 7) || 'ville', 1990 + v % 30)
	FROM seq WHERE k <= 1000;
SELECT printf('INSERT INTO product VALUES(%d, %Q, %.2f);', k, 'item-' || hex(v % 65536) || '-' || k,
	1 + (v % 10000) / 100.0) FROM seq WHERE k <= 200;
SELECT 'COMMIT;';
.output stdout
.read tmp/people.sql
SELECT 'customers', count(*), min(since), max(since), count(DISTINCT city) FROM customer;
SELECT 'products', count(*), printf('%.2f', sum(price)) FROM product;

-- 100,000 orders, one INSERT each, in ten transactions of 10,000.
.output tmp/orders.sql
SELECT CASE WHEN k % 10000 = 1 THEN 'BEGIN;' || char(10) ELSE '' END ||
	printf('INSERT INTO orders VALUES(%d, %d, %d, %d, %s);', k, 1 + v % 1000,
		1 + (v / 1000) % 200, 1 + (v / 200000) % 9,
		CASE WHEN v % 7 = 0 THEN quote('gift ' || (v % 97)) ELSE 'NULL' END) ||
	CASE WHEN k % 10000 = 0 THEN char(10) || 'COMMIT;' ELSE '' END
	FROM seq ORDER BY k;
.output stdout
.read tmp/orders.sql

-- One transaction rolled back: none of its rows stay.
BEGIN;
INSERT INTO orders SELECT k + 100000, 1, 1, 1, 'rolled back' FROM seq WHERE k <= 5000;
SELECT 'in transaction', count(*) FROM orders;
ROLLBACK;
SELECT 'after rollback', count(*) FROM orders;
SELECT 'orders', count(*), sum(qty), count(note), min(id), max(id) FROM orders;

-- Indexes, made after the rows.
CREATE INDEX orders_customer ON orders(customer);
CREATE INDEX orders_product_qty ON orders(product, qty);
CREATE INDEX customer_city ON customer(city, name);
ANALYZE;

-- Joins and aggregates.
SELECT c.city, count(*), sum(o.qty), printf('%.2f', sum(o.qty * p.price))
	FROM orders o JOIN customer c ON c.id = o.customer JOIN product p ON p.id = o.product
	GROUP BY c.city ORDER BY c.city;
SELECT p.label, count(o.id), total(o.qty), printf('%.3f', avg(o.qty))
	FROM product p LEFT JOIN orders o ON o.product = p.id
	GROUP BY p.id ORDER BY count(o.id) DESC, p.id LIMIT 10;
SELECT c.name, sum(o.qty) AS n FROM customer c JOIN orders o ON o.customer = c.id
	WHERE c.since BETWEEN 2005 AND 2010
	GROUP BY c.id HAVING n > 560 ORDER BY n DESC, c.id LIMIT 10;
SELECT qty, count(*), group_concat(DISTINCT product % 10) FROM orders
	WHERE product = 17 GROUP BY qty ORDER BY qty;
SELECT count(*) FROM customer c WHERE NOT EXISTS
	(SELECT 1 FROM orders o WHERE o.customer = c.id AND o.qty = 9);
SELECT city, name, rank() OVER (PARTITION BY city ORDER BY since DESC, id) AS r
	FROM customer WHERE id % 97 = 0 ORDER BY city, r;
SELECT note, count(*) FROM orders WHERE note LIKE 'gift 9%' GROUP BY note ORDER BY note;
SELECT json_object('n', count(*), 'max', max(qty)) FROM orders WHERE customer = 500;

-- Updates and deletes through the indexes, then the check.
BEGIN;
UPDATE orders SET qty = qty + 1 WHERE product IN (SELECT id FROM product WHERE price > 90);
DELETE FROM orders WHERE customer % 50 = 0;
COMMIT;
SELECT 'after update', count(*), sum(qty) FROM orders;
DROP TABLE seq;
VACUUM;
PRAGMA integrity_check;
PRAGMA foreign_key_check;
SELECT 'oracle: end';
