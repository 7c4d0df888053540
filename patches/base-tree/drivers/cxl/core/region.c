// SPDX-License-Identifier: GPL-2.0-only
#include <linux/memregion.h>
#include <linux/memremap.h>
#include <linux/device.h>
#include <linux/module.h>
#include <linux/slab.h>
#include <linux/uuid.h>
#include <linux/sort.h>
#include <linux/idr.h>
#include <linux/mm.h>
#include <cxl.h>
#include "core.h"

/*
 * lorescope demo tree: a cut-down region.c with two sysfs attributes and
 * the device private setup path.
 */

static ssize_t uuid_show(struct device *dev, struct device_attribute *attr,
			 char *buf)
{
	struct cxl_region *cxlr = to_cxl_region(dev);
	struct cxl_region_params *p = &cxlr->params;

	return sysfs_emit(buf, "%pUb\n", &p->uuid);
}
static DEVICE_ATTR_RO(uuid);

static ssize_t interleave_ways_show(struct device *dev,
				    struct device_attribute *attr, char *buf)
{
	struct cxl_region *cxlr = to_cxl_region(dev);
	struct cxl_region_params *p = &cxlr->params;

	return sysfs_emit(buf, "%d\n", p->interleave_ways);
}
static DEVICE_ATTR_RO(interleave_ways);

static struct attribute *cxl_region_attrs[] = {
	&dev_attr_uuid.attr,
	&dev_attr_interleave_ways.attr,
	NULL,
};

static const struct attribute_group cxl_region_group = {
	.attrs = cxl_region_attrs,
};

static vm_fault_t cxl_private_migrate_to_ram(struct vm_fault *vmf)
{
	/* Nothing migrates back to host memory yet. */
	return VM_FAULT_SIGBUS;
}

static void cxl_private_page_free(struct page *page)
{
}

static const struct dev_pagemap_ops cxl_private_pgmap_ops = {
	.page_free = cxl_private_page_free,
	.migrate_to_ram = cxl_private_migrate_to_ram,
};

static int cxl_region_private_probe(struct cxl_region *cxlr)
{
	struct cxl_region_params *p = &cxlr->params;
	struct dev_pagemap *pgmap = &cxlr->pgmap;
	void *addr;

	pgmap->type = MEMORY_DEVICE_PRIVATE;
	pgmap->range.start = p->res->start;
	pgmap->range.end = p->res->end;
	pgmap->nr_range = 1;
	pgmap->ops = &cxl_private_pgmap_ops;
	pgmap->owner = cxlr;

	addr = devm_memremap_pages(&cxlr->dev, pgmap);
	if (IS_ERR(addr))
		return PTR_ERR(addr);

	dev_dbg(&cxlr->dev, "device private range %pr\n", p->res);
	return 0;
}
